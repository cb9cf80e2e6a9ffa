import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { testCaller } from '../../../platform/scheduling/testing.ts';
import { newAgent, newOrganisation, signInAs } from '../../../platform/testing/factories.ts';
import { mergeCookies } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { rsaModule } from '../index.ts';
import { beneficiaries, beneficiaryStatusChanges, invitationRuns, invitations } from '../tables.ts';
import { invitationRunJob } from './run.job.ts';
import { noteRunError, processInvitationRun, startInvitationRun } from './run.service.ts';
import { newBeneficiary, newOrientationSetup } from './testing.ts';

/**
 * Bulk invitations of more than 50 people: a run, sent by the background job, followed on its page;
 * a job that fails half-way and is retried invites nobody twice; another territory sees nothing.
 */
describe('RSA invitations sent in the background', () => {
  let t: TestContext;
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    app = t.app;
  });
  afterAll(() => t.close());

  async function post(options: { page: string; action: string; cookie: string; fields: [string, string][] }) {
    const page = await app.inject({ url: options.page, headers: { cookie: options.cookie } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${options.page} (${page.statusCode})`);
    const cookie = mergeCookies(options.cookie, page.headers['set-cookie']);
    return app.inject({
      method: 'POST',
      url: options.action,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ...options.fields]).toString(),
    });
  }

  /** The job as the worker runs it (pg-boss hands it the run's id). */
  const runJob = (runId: string) =>
    invitationRunJob.handler([testJob(invitationRunJob.name, { runId })], {
      platform: t.platform,
      boss: t.platform.messaging.boss,
    });

  const invitationsOf = (ids: string[]) =>
    db.select().from(invitations).where(inArray(invitations.beneficiaryId, ids));
  const runOf = async (id: string) =>
    (await db.select().from(invitationRuns).where(eq(invitationRuns.id, id)))[0]!;

  async function people(setup: Awaited<ReturnType<typeof newOrientationSetup>>, n: number) {
    const where = { organisationId: setup.organisation.id, territoryId: setup.territoryId };
    const rows = [];
    for (let i = 0; i < n; i++) rows.push(await newBeneficiary(db, where));
    return rows;
  }

  it('60 people: a run, sent by the job; the page shows the progress, then the summary', async () => {
    const setup = await newOrientationSetup(db);
    const where = { organisationId: setup.organisation.id, territoryId: setup.territoryId };
    const bySms = await people(setup, 57);
    const byEmail = await newBeneficiary(db, { ...where, phone: null });
    const closed = [
      await newBeneficiary(db, { ...where, status: 'clos' }),
      await newBeneficiary(db, { ...where, status: 'clos' }),
    ];
    const all = [...bySms, byEmail, ...closed];
    const retour = '/rsa?statut=non_invite&page=2';
    const response = await post({
      page: `/rsa/beneficiaires/${byEmail.id}/convoquer`,
      action: '/rsa/invitations',
      cookie: setup.workerCookie,
      fields: [...all.map((p): [string, string] => ['ids', p.id]), ['channel', 'auto'], ['retour', retour]],
    });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/rsa\/invitations\/envois\/[0-9a-f-]{36}\?retour=/);
    const runId = location.split('/').at(-1)!.split('?')[0]!;
    expect(await invitationsOf(all.map((p) => p.id))).toHaveLength(0); // nothing sent during the request

    const waiting = await app.inject({ url: location, headers: { cookie: setup.workerCookie } });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.headers.refresh).toBe(`2; url=${location}`);
    expect(waiting.body).toContain('0 sur 60 personnes traitées');
    expect(waiting.body).toContain('<progress id="avancement" max="60" value="0"');

    await runJob(runId);

    expect(await runOf(runId)).toMatchObject({
      state: 'done',
      total: 60,
      processed: 60,
      invited: 58,
      invitedSms: 57,
      invitedEmail: 1,
    });
    const done = await app.inject({ url: location, headers: { cookie: setup.workerCookie } });
    expect(done.headers.refresh).toBeUndefined();
    expect(done.body).toContain('Envoi terminé');
    expect(done.body).toContain('58 invitations envoyées (57 par SMS, 1 par courriel)');
    expect(done.body).toContain('2 personnes non invitées');
    expect(done.body).toContain('Statut « Clos » : pas d’invitation');
    expect(done.body).toContain(`href="${retour.replace('&', '&amp;')}"`);

    // Written as the small path writes them: one invitation, one message, the status and its history
    // naming the agent, one audit line each naming the agent (the job acts for them).
    const sent = await invitationsOf(all.map((p) => p.id));
    expect(sent).toHaveLength(58);
    expect(new Set(sent.map((i) => i.beneficiaryId)).size).toBe(58);
    expect(sent.every((i) => i.createdByAgentId === setup.worker.id)).toBe(true);
    const [person] = await db.select().from(beneficiaries).where(eq(beneficiaries.id, byEmail.id));
    expect(person).toMatchObject({ status: 'invitation_envoyee' });
    expect(person!.citizenId).not.toBeNull();
    const [history] = await db
      .select()
      .from(beneficiaryStatusChanges)
      .where(
        and(
          eq(beneficiaryStatusChanges.beneficiaryId, byEmail.id),
          eq(beneficiaryStatusChanges.toStatus, 'invitation_envoyee'),
        ),
      );
    expect(history).toMatchObject({
      fromStatus: 'non_invite',
      changedBy: 'agent',
      changedByAgentId: setup.worker.id,
      reason: 'Invitation par courriel',
    });
    const lines = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'rsa_invitation'), eq(auditEvents.actorId, setup.worker.id)));
    expect(lines).toHaveLength(58);
    expect(lines.every((l) => l.requestId === `rsa-invitation-run:${runId}`)).toBe(true);
    const messages = await db
      .select()
      .from(outboxMessages)
      .where(
        inArray(
          outboxMessages.subjectId,
          all.map((p) => p.id),
        ),
      );
    expect(messages).toHaveLength(58);
  });

  it('a job that fails half-way and is retried invites nobody twice', async () => {
    const setup = await newOrientationSetup(db);
    const crowd = await people(setup, 60);
    const ids = crowd.map((p) => p.id);
    const caller = testCaller(setup.worker, [{ organisationId: setup.organisation.id, role: 'agent' }]);
    const runId = (await startInvitationRun(t.platform, caller, {
      ids,
      channel: 'sms',
      organisationId: setup.organisation.id,
    }))!;

    // The worker dies after its first batch (of 50, or of 10 when PostgreSQL wrote the second batch
    // first): that batch and its count committed together, the other batch not at all.
    await expect(processInvitationRun(t.platform, runId, { interruptAfterBatches: 1 })).rejects.toThrow(
      'envoi interrompu',
    );
    const interrupted = await runOf(runId);
    expect(interrupted.state).toBe('running');
    expect([10, 50]).toContain(interrupted.processed);
    expect(interrupted.invited).toBe(interrupted.processed);
    expect(await invitationsOf(ids)).toHaveLength(interrupted.processed);
    const partial = await app.inject({
      url: `/rsa/invitations/envois/${runId}`,
      headers: { cookie: setup.workerCookie },
    });
    expect(partial.body).toContain(`${interrupted.processed} sur 60 personnes traitées`);

    // pg-boss retries: the others, and only them. Invitation envoyée is still invitable: the run's
    // count, not the status, is what keeps the first fifty from a second invitation.
    await runJob(runId);
    expect(await runOf(runId)).toMatchObject({ state: 'done', processed: 60, invited: 60 });
    // And once more (a job handed on after its expiry): nothing new.
    await db.update(invitationRuns).set({ state: 'running' }).where(eq(invitationRuns.id, runId));
    await runJob(runId);
    const sent = await invitationsOf(ids);
    expect(sent).toHaveLength(60);
    expect(new Set(sent.map((i) => i.beneficiaryId)).size).toBe(60);
    const messages = await db.select().from(outboxMessages).where(inArray(outboxMessages.subjectId, ids));
    expect(messages).toHaveLength(60);
  });

  it('an error shows on the page while retries remain; after the last attempt the run is failed', async () => {
    const setup = await newOrientationSetup(db);
    const crowd = await people(setup, 51);
    const caller = testCaller(setup.worker, [{ organisationId: setup.organisation.id, role: 'agent' }]);
    const runId = (await startInvitationRun(t.platform, caller, {
      ids: crowd.map((p) => p.id),
      channel: 'sms',
      organisationId: setup.organisation.id,
    }))!;
    await noteRunError(db, runId, new Error('base de données indisponible'), false);
    expect(await runOf(runId)).toMatchObject({ state: 'queued', error: 'base de données indisponible' });
    await noteRunError(db, runId, new Error('base de données indisponible'), true);
    expect(await runOf(runId)).toMatchObject({ state: 'failed' });
    const page = await app.inject({
      url: `/rsa/invitations/envois/${runId}`,
      headers: { cookie: setup.workerCookie },
    });
    expect(page.body).toContain('L’envoi n’a pas pu se terminer');
    expect(page.headers.refresh).toBeUndefined();
  });

  it('another territory’s agent: 404 on the run’s page, the refusal audited', async () => {
    const setup = await newOrientationSetup(db);
    const crowd = await people(setup, 51);
    const caller = testCaller(setup.worker, [{ organisationId: setup.organisation.id, role: 'agent' }]);
    const runId = (await startInvitationRun(t.platform, caller, {
      ids: crowd.map((p) => p.id),
      channel: 'auto',
      organisationId: setup.organisation.id,
    }))!;
    const stranger = await newAgent(db, {
      memberships: [{ organisationId: (await newOrganisation(db)).id, role: 'admin' }],
    });
    const page = await app.inject({
      url: `/rsa/invitations/envois/${runId}`,
      headers: { cookie: await signInAs(db, stranger.id) },
    });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('personnes traitées');
    const denied = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, runId), eq(auditEvents.action, 'denied')));
    expect(denied.map((d) => d.actorId)).toEqual([stranger.id]);
    // The admin of the same organisation sees it.
    const admin = await app.inject({
      url: `/rsa/invitations/envois/${runId}`,
      headers: { cookie: await signInAs(db, setup.admin.id) },
    });
    expect(admin.statusCode).toBe(200);
    expect(
      (
        await app.inject({
          url: '/rsa/invitations/envois/pas-un-envoi',
          headers: { cookie: setup.workerCookie },
        })
      ).statusCode,
    ).toBe(404);
  });
});
