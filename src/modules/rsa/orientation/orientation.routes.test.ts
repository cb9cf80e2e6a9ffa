import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, get, organisationWithStaff } from '../../../platform/tenancy/testing.ts';
import { mergeCookies, submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaModule } from '../index.ts';
import { rsaInvitationPath } from '../invitation-link.ts';
import {
  beneficiaries,
  beneficiaryStatusChanges,
  orientationDecisions,
  questionnaireAnswers,
} from '../tables.ts';
import { newBeneficiary, newInvitation } from './testing.ts';

/**
 * Posts a form whose fields may repeat (checkboxes), as a browser does: the page first, for the CSRF
 * cookie and token, then the fields url-encoded in order.
 */
async function postFields(
  app: FastifyInstance,
  options: { page: string; action?: string; fields: [string, string][]; cookie?: string },
) {
  const page = await app.inject({
    url: options.page,
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${page.statusCode})`);
  const cookie = mergeCookies(options.cookie, page.headers['set-cookie']);
  return app.inject({
    method: 'POST',
    url: options.action ?? options.page,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', token], ...options.fields]).toString(),
  });
}

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

describe('orientation questionnaire and decision', () => {
  let t: TestContext;
  let db: Db;
  let secretKey: string;
  let staff: Staffed;
  let stranger: Staffed;

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    secretKey = t.platform.config.secretKey;
    staff = await organisationWithStaff(db);
    stranger = await organisationWithStaff(db);
  });
  afterAll(() => t.close());

  const person = (values: Parameters<typeof newBeneficiary>[1] = {}) =>
    newBeneficiary(db, { organisationId: staff.organisation.id, status: 'invitation_envoyee', ...values });
  const invite = (beneficiaryId: string, values: Partial<Parameters<typeof newInvitation>[2]> = {}) =>
    newInvitation(db, secretKey, { beneficiaryId, organisationId: staff.organisation.id, ...values });
  const answersOf = async (id: string) =>
    (await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.beneficiaryId, id)))[0];
  const rowOf = async (id: string) =>
    (await db.select().from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!;

  describe('from the invitation link', () => {
    it('shows the questions, saves the answers as the person’s, and thanks them with a link back', async () => {
      const b = await person({ lastActivityAt: new Date('2020-01-01T00:00:00Z') });
      const { invitation, path } = await invite(b.id);
      const page = await get(t, `${path}/questionnaire`);
      expect(page.statusCode).toBe(200);
      const text = textOf(page.body);
      expect(text).toContain('Où habitez-vous en ce moment ?');
      expect(text).toContain('Je préfère ne pas répondre');
      expect(page.body).not.toContain(b.lastName);

      const response = await postFields(t.app, {
        page: `${path}/questionnaire`,
        fields: [
          ['logement', 'heberge'],
          ['souhait', 'emploi'],
          ['experience', 'recente'],
          ['freins', 'dettes'],
          ['freins', 'garde'],
          ['sante', 'nsp'],
        ],
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`${path}/questionnaire/merci`);
      const saved = await answersOf(b.id);
      expect(saved).toMatchObject({
        answers: {
          logement: 'heberge',
          souhait: 'emploi',
          experience: 'recente',
          freins: ['dettes', 'garde'],
          sante: 'nsp',
        },
        suggestedOrientation: 'socio_professionnelle',
        filledBy: 'usager',
      });
      expect((await rowOf(b.id)).lastActivityAt.getTime()).toBeGreaterThan(new Date('2020-01-01').getTime());
      const [audit] = await auditTrail(db, { resourceType: 'rsa_questionnaire', resourceId: b.id });
      expect(audit).toMatchObject({
        action: 'update',
        actorType: 'anonymous',
        organisationId: staff.organisation.id,
        details: { filledBy: 'usager', invitationId: invitation.id },
      });

      const thanks = await get(t, response.headers.location as string);
      expect(thanks.statusCode).toBe(200);
      expect(thanks.body).toContain(`href="${path}"`);

      // Coming back says it was answered, without showing the answers.
      const again = await get(t, `${path}/questionnaire`);
      expect(textOf(again.body)).toContain('Vous avez déjà répondu le');
      expect(again.body).not.toMatch(/value="heberge"[^>]*checked/);
    });

    it('replaces earlier answers (one questionnaire per person)', async () => {
      const b = await person();
      const { path } = await invite(b.id);
      await postFields(t.app, { page: `${path}/questionnaire`, fields: [['logement', 'sans_logement']] });
      expect((await answersOf(b.id))?.suggestedOrientation).toBe('sociale');
      await postFields(t.app, { page: `${path}/questionnaire`, fields: [['souhait', 'emploi']] });
      expect(await answersOf(b.id)).toMatchObject({
        answers: { souhait: 'emploi' },
        suggestedOrientation: 'professionnelle',
      });
    });

    it('refuses an answer that is not offered, keeping what was ticked', async () => {
      const b = await person();
      const { path } = await invite(b.id);
      const response = await postFields(t.app, {
        page: `${path}/questionnaire`,
        fields: [
          ['logement', 'chateau'],
          ['freins', 'langue'],
        ],
      });
      expect(response.statusCode).toBe(400);
      expect(textOf(response.body)).toContain('Choisissez une réponse dans la liste.');
      expect(response.body).toMatch(/value="langue"[^>]*checked/);
      expect(await answersOf(b.id)).toBeUndefined();
    });

    it('answers 410 for an expired token, a closed invitation or a closed file', async () => {
      const b = await person();
      const past = new Date(Date.now() - 86_400_000);
      const { invitation } = await invite(b.id, { sentAt: new Date(past.getTime() - 10 * 86_400_000) });
      const expired = await get(t, `${rsaInvitationPath(secretKey, invitation.id, past)}/questionnaire`);
      expect(expired.statusCode).toBe(410);
      expect(textOf(expired.body)).toContain('Le lien de votre invitation a expiré.');

      const { path: closedPath } = await invite(b.id, { closedAt: new Date() });
      expect((await get(t, `${closedPath}/questionnaire`)).statusCode).toBe(410);

      const closedFile = await person({ status: 'clos' });
      const { path } = await invite(closedFile.id);
      expect((await get(t, `${path}/questionnaire`)).statusCode).toBe(410);
    });

    it('answers 404 for a forged or altered token, and saves nothing posted to it', async () => {
      const b = await person();
      const { path } = await invite(b.id);
      const forged = `${path.slice(0, -4)}AAAA`;
      const page = await get(t, `${forged}/questionnaire`);
      expect(page.statusCode).toBe(404);
      expect(textOf(page.body)).toContain('Le lien est incomplet ou a été modifié.');
      expect((await get(t, '/rsa/i/pas-un-jeton/questionnaire')).statusCode).toBe(404);
      // A genuine page's CSRF token does not make a forged link work.
      const posted = await postFields(t.app, {
        page: `${path}/questionnaire`,
        action: `${forged}/questionnaire`,
        fields: [['logement', 'stable']],
      });
      expect(posted.statusCode).toBe(404);
      expect(await answersOf(b.id)).toBeUndefined();
    });
  });

  describe('an agent with the person', () => {
    it('fills the questionnaire, shown again with the saved answers, and both are audited', async () => {
      const b = await person();
      const url = `/rsa/beneficiaires/${b.id}/questionnaire`;
      const response = await postFields(t.app, {
        page: url,
        cookie: staff.agent.cookie,
        fields: [
          ['sante', 'oui'],
          ['mobilite', 'transports'],
          ['mobilite', 'permis'],
        ],
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/rsa/beneficiaires/${b.id}/orientation`);
      expect(await answersOf(b.id)).toMatchObject({
        answers: { sante: 'oui', mobilite: ['transports', 'permis'] },
        suggestedOrientation: 'sociale',
        filledBy: 'agent',
      });
      const page = await get(t, url, staff.agent.cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/value="oui"[^>]*checked/);
      expect(page.body).toMatch(/value="transports"[^>]*checked/);
      const trail = await auditTrail(db, { resourceType: 'rsa_questionnaire', resourceId: b.id });
      expect(trail.map((e) => [e.action, e.actorId])).toEqual([
        ['read', staff.agent.id],
        ['update', staff.agent.id],
        ['read', staff.agent.id],
      ]);
    });

    it('is refused to read-only members (403) and hidden from another territory (404), denials audited', async () => {
      const b = await person();
      const url = `/rsa/beneficiaires/${b.id}/questionnaire`;
      expect((await get(t, url, staff.readonly.cookie)).statusCode).toBe(403);
      expect((await get(t, url, stranger.admin.cookie)).statusCode).toBe(404);
      expect(
        (await get(t, '/rsa/beneficiaires/pas-un-uuid/questionnaire', staff.agent.cookie)).statusCode,
      ).toBe(404);
      const denials = await auditTrail(db, { action: 'denied', resourceId: b.id });
      expect(denials.map((d) => d.actorId)).toEqual([staff.readonly.id, stranger.admin.id]);
      expect(denials[1]).toMatchObject({
        organisationId: staff.organisation.id,
        territoryId: staff.territory.id,
      });
    });

    it('sends a visitor who is not signed in to the sign-in page', async () => {
      const b = await person();
      const response = await get(t, `/rsa/beneficiaires/${b.id}/orientation`);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/connexion/);
    });
  });

  describe('the référent’s decision', () => {
    it('shows the suggestion with its reasons and the answers', async () => {
      const b = await person();
      const { path } = await invite(b.id);
      await postFields(t.app, {
        page: `${path}/questionnaire`,
        fields: [
          ['logement', 'expulsion'],
          ['souhait', 'emploi'],
        ],
      });
      const page = await get(t, `/rsa/beneficiaires/${b.id}/orientation`, staff.agent.cookie);
      expect(page.statusCode).toBe(200);
      const text = textOf(page.body);
      expect(text).toContain('Orientation proposée : Socio-professionnelle');
      expect(text).toContain('Menace d’expulsion');
      expect(text).toContain('Souhaite trouver un emploi rapidement');
      expect(text).toContain('par la personne');
      expect(text).toContain('Dans un logement, mais menacé·e d’expulsion');
      expect(text).toContain('Socio-professionnelle (proposée)');
      expect(page.body).toContain(`value="${localDayOf(new Date())}"`);
      expect(page.body).toContain('<option value="France Travail">');
      expect(page.body).toContain(`<option value="${staff.organisation.name}">`);
    });

    it('records a decision dated today: decision row, status orienté, history, audit', async () => {
      const b = await person({ status: 'rdv_honore' });
      const today = localDayOf(new Date());
      const { response } = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${b.id}/orientation`,
        cookie: staff.agent.cookie,
        fields: {
          orientation: 'professionnelle',
          date: today,
          structure: '  France Travail ',
          commentaire: '',
        },
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/rsa/beneficiaires/${b.id}`);
      const [decision] = await db
        .select()
        .from(orientationDecisions)
        .where(eq(orientationDecisions.beneficiaryId, b.id));
      expect(decision).toMatchObject({
        orientation: 'professionnelle',
        decidedOn: today,
        structureName: 'France Travail',
        comment: null,
        decidedByAgentId: staff.agent.id,
      });
      expect((await rowOf(b.id)).status).toBe('oriente');
      const history = await db
        .select()
        .from(beneficiaryStatusChanges)
        .where(eq(beneficiaryStatusChanges.beneficiaryId, b.id))
        .orderBy(asc(beneficiaryStatusChanges.changedAt));
      expect(
        history.map((h) => [h.fromStatus, h.toStatus, h.changedBy, h.changedByAgentId, h.reason]),
      ).toEqual([
        ['rdv_honore', 'oriente', 'agent', staff.agent.id, 'Orientation professionnelle : France Travail'],
      ]);
      const [audit] = await auditTrail(db, {
        action: 'create',
        resourceType: 'rsa_orientation_decision',
      }).then((rows) => rows.filter((r) => r.resourceId === decision!.id));
      expect(audit).toMatchObject({
        actorId: staff.agent.id,
        details: { beneficiaryId: b.id, orientation: 'professionnelle' },
      });

      // A re-orientation adds a decision; the status stays, with no second history line.
      await submitForm(t.app, {
        page: `/rsa/beneficiaires/${b.id}/orientation`,
        cookie: staff.admin.cookie,
        fields: { orientation: 'sociale', date: today, structure: staff.organisation.name },
      });
      const page = await get(t, `/rsa/beneficiaires/${b.id}/orientation`, staff.agent.cookie);
      expect(textOf(page.body)).toContain('Décisions enregistrées');
      expect(
        (await db.select().from(orientationDecisions).where(eq(orientationDecisions.beneficiaryId, b.id)))
          .length,
      ).toBe(2);
      expect(
        (
          await db
            .select()
            .from(beneficiaryStatusChanges)
            .where(eq(beneficiaryStatusChanges.beneficiaryId, b.id))
        ).length,
      ).toBe(1);
    });

    it('refuses a future date, a missing choice and structure, with French messages; nothing written', async () => {
      const b = await person({ status: 'rdv_honore' });
      const tomorrow = localDayOf(new Date(Date.now() + 2 * 86_400_000));
      const { response } = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${b.id}/orientation`,
        cookie: staff.agent.cookie,
        fields: { date: tomorrow, structure: ' ' },
      });
      expect(response.statusCode).toBe(400);
      const text = textOf(response.body);
      expect(text).toContain('Choisissez une orientation.');
      expect(text).toContain('La date ne peut pas être dans le futur.');
      expect(text).toContain('Indiquez la structure qui accompagnera la personne.');
      const impossible = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${b.id}/orientation`,
        cookie: staff.agent.cookie,
        fields: { orientation: 'sociale', date: '31/02/2024', structure: 'CCAS' },
      });
      expect(textOf(impossible.response.body)).toContain('Cette date n’existe pas.');
      expect((await rowOf(b.id)).status).toBe('rdv_honore');
      expect(
        await db.select().from(orientationDecisions).where(eq(orientationDecisions.beneficiaryId, b.id)),
      ).toEqual([]);
    });

    it('reads a date typed as dd/mm/yyyy; refuses a closed file', async () => {
      const b = await person({ status: 'rdv_honore' });
      const { response } = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${b.id}/orientation`,
        cookie: staff.agent.cookie,
        fields: { orientation: 'sociale', date: '02/01/2024', structure: 'CCAS' },
      });
      expect(response.statusCode).toBe(303);
      const [decision] = await db
        .select()
        .from(orientationDecisions)
        .where(eq(orientationDecisions.beneficiaryId, b.id));
      expect(decision?.decidedOn).toBe('2024-01-02');

      const closed = await person({ status: 'clos' });
      const refused = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${closed.id}/orientation`,
        cookie: staff.agent.cookie,
        fields: { orientation: 'sociale', date: '02/01/2024', structure: 'CCAS' },
      });
      expect(refused.response.statusCode).toBe(400);
      expect(textOf(refused.response.body)).toContain('Ce dossier est clos');
      expect((await rowOf(closed.id)).status).toBe('clos');
    });

    it('is only for agents who manage the person: read-only get 403, another territory 404', async () => {
      const b = await person();
      const url = `/rsa/beneficiaires/${b.id}/orientation`;
      expect((await get(t, url, staff.readonly.cookie)).statusCode).toBe(403);
      expect((await get(t, url, stranger.agent.cookie)).statusCode).toBe(404);
      const posted = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${(await newBeneficiary(db, { organisationId: stranger.organisation.id })).id}/orientation`,
        cookie: stranger.agent.cookie,
        action: url,
        fields: { orientation: 'sociale', date: '2024-01-02', structure: 'CCAS' },
      });
      expect(posted.response.statusCode).toBe(404);
      expect((await rowOf(b.id)).status).toBe('invitation_envoyee');
    });
  });

  // Last: once reached, the limit holds for the rest of the window.
  describe('abuse', () => {
    it('limits the posts from one address, like the booking engine’s public pages (429)', async () => {
      const b = await person();
      const { path } = await invite(b.id);
      // The limit counts per fixed window (PUBLIC_BOOKING_LIMIT: 30 in 10 minutes), shared by this
      // file's earlier posts; a window ending during the loop restarts the count, hence the margin.
      const statuses: number[] = [];
      for (let i = 0; i < 70 && !statuses.includes(429); i++) {
        statuses.push((await t.app.inject({ method: 'POST', url: `${path}/questionnaire` })).statusCode);
      }
      expect(statuses.at(-1)).toBe(429);
      expect(new Set(statuses.slice(0, -1))).toEqual(new Set([403]));
    });
  });
});
