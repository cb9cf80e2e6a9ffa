import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { citizens } from '../../../platform/scheduling/tables.ts';
import { auditTrail, get, organisationWithStaff } from '../../../platform/tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { testJob } from '../../../platform/testing/jobs.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { rsaModule } from '../index.ts';
import {
  beneficiaries,
  beneficiaryStatusChanges,
  invitations,
  notes,
  orientationDecisions,
  questionnaireAnswers,
  rsaSettings,
} from '../tables.ts';
import { ANONYMISE_QUEUE, anonymiseJob } from './jobs.ts';
import { newFullFile } from './testing.ts';

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

/** `now` is fixed (passed to the job), the dataset placed in months before it. */
const now = new Date('2031-06-15T02:00:00Z');
const monthsBefore = (months: number, days = 0) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  d.setUTCDate(d.getUTCDate() - days);
  return d;
};

describe('anonymisation of inactive records', () => {
  let t: TestContext;
  let db: Db;
  let shortRetention: Staffed; // 12 months
  let defaults: Staffed; // no settings row: 24 months

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    shortRetention = await organisationWithStaff(db);
    defaults = await organisationWithStaff(db);
    await db
      .insert(rsaSettings)
      .values({ organisationId: shortRetention.organisation.id, retentionMonths: 12 });
  });
  afterAll(() => t.close());

  const run = () =>
    anonymiseJob.handler([testJob(ANONYMISE_QUEUE, { now: now.toISOString() })], {
      platform: t.platform,
      boss: t.platform.messaging.boss,
    });
  const rowOf = async (id: string) =>
    (await db.select().from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!;

  const fullFile = (staff: Staffed, lastActivityAt: Date) =>
    newFullFile(db, t.platform.config.secretKey, staff, { lastActivityAt });

  it('anonymises records older than their organisation’s retention, keeps the statistics’ fields, and runs idempotently', async () => {
    const oldShort = await fullFile(shortRetention, monthsBefore(12, 1));
    const recentShort = await fullFile(shortRetention, monthsBefore(11));
    const oldDefault = await fullFile(defaults, monthsBefore(24, 1));
    const midDefault = await fullFile(defaults, monthsBefore(13));

    await run();

    for (const kept of [recentShort, midDefault]) {
      const row = await rowOf(kept.b.id);
      expect(row.anonymisedAt).toBeNull();
      expect(row.lastName).toBe(kept.b.lastName);
      expect(row.nir).toBe('1850578006084');
      expect(
        await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.beneficiaryId, kept.b.id)),
      ).toHaveLength(1);
    }

    for (const gone of [oldShort, oldDefault]) {
      const row = await rowOf(gone.b.id);
      expect(row).toMatchObject({
        lastName: 'Anonymisé',
        firstName: '',
        birthDate: null,
        nir: null,
        allocataireNumber: null,
        address: null,
        postalCode: null,
        communeCode: null,
        communeName: null,
        phone: null,
        email: null,
        tags: [],
        anonymisedAt: now,
        // What the statistics count stays.
        status: 'oriente',
        rightsOpenedOn: '2029-01-10',
        firstMetAt: new Date('2029-02-01T09:00:00Z'),
        organisationId: gone.b.organisationId,
        territoryId: gone.b.territoryId,
        referentAgentId: gone.b.referentAgentId,
        citizenId: gone.citizen.id,
        lastActivityAt: gone.b.lastActivityAt,
      });
      const history = await db
        .select()
        .from(beneficiaryStatusChanges)
        .where(eq(beneficiaryStatusChanges.beneficiaryId, gone.b.id));
      expect(history.map((h) => [h.toStatus, h.changedBy, h.reason]).sort()).toEqual([
        ['non_invite', 'systeme', 'Import'],
        ['oriente', 'agent', null],
      ]);
      expect(
        await db.select().from(invitations).where(eq(invitations.beneficiaryId, gone.b.id)),
      ).toHaveLength(1);
      expect(
        await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.beneficiaryId, gone.b.id)),
      ).toEqual([]);
      const [decision] = await db
        .select()
        .from(orientationDecisions)
        .where(eq(orientationDecisions.beneficiaryId, gone.b.id));
      expect(decision).toMatchObject({
        orientation: 'sociale',
        decidedOn: '2029-02-01',
        structureName: 'CCAS',
        comment: null,
      });
      const [note] = await db.select().from(notes).where(eq(notes.beneficiaryId, gone.b.id));
      expect(note!.body).toBe('Note effacée lors de l’anonymisation.');
      const [citizen] = await db.select().from(citizens).where(eq(citizens.id, gone.citizen.id));
      expect(citizen).toMatchObject({
        lastName: 'Anonymisé',
        firstName: '',
        email: null,
        phone: null,
        address: null,
        birthDate: null,
        externalRef: citizenRefOf(gone.b.id),
      });
      const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.subjectId, gone.b.id));
      expect(message).toMatchObject({
        recipient: 'Anonymisé',
        recipientNormalised: null,
        recipientName: null,
        data: {},
        channel: 'sms',
        status: 'sent',
        sentAt: new Date('2029-01-12T09:00:00Z'),
      });
      const trail = await auditTrail(db, {
        resourceType: 'rsa_beneficiary',
        resourceId: gone.b.id,
        action: 'delete',
      });
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ actorType: 'system', organisationId: gone.b.organisationId });
      expect(trail[0]!.details).toMatchObject({ anonymisation: true });
    }
    expect((await auditTrail(db, { action: 'delete', resourceType: 'rsa_beneficiary' })).length).toBe(2);
    expect((await auditTrail(db, { resourceId: oldShort.b.id, action: 'delete' }))[0]!.details).toMatchObject(
      { retentionMonths: 12 },
    );
    expect(
      (await auditTrail(db, { resourceId: oldDefault.b.id, action: 'delete' }))[0]!.details,
    ).toMatchObject({ retentionMonths: 24 });

    // A second run finds nothing more to do.
    await run();
    expect((await auditTrail(db, { action: 'delete', resourceType: 'rsa_beneficiary' })).length).toBe(2);
    expect((await rowOf(oldShort.b.id)).anonymisedAt).toEqual(now);

    // An anonymised record no longer opens for anyone.
    const page = await get(t, `/rsa/beneficiaires/${oldShort.b.id}/donnees`, shortRetention.admin.cookie);
    expect(page.statusCode).toBe(404);
  });

  it('is listed with the module’s jobs, scheduled every night', () => {
    expect(rsaModule.jobs?.find((j) => j.name === ANONYMISE_QUEUE)?.schedule).toBe('30 3 * * *');
  });
});
