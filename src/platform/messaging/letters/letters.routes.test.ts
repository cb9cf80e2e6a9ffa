import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../audit/audit.ts';
import { auditEvents } from '../../audit/tables.ts';
import type { Db } from '../../db/client.ts';
import { startWorking } from '../../jobs/runner.ts';
import { newAgent, newOrganisation, signInAs } from '../../testing/factories.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { messagingJobs } from '../deliver.job.ts';
import { queueMessage } from '../outbox.service.ts';
import { letterBatches, outboxMessages } from '../tables.ts';
import type { MessageTemplate } from '../templates.ts';
import { ADDRESS_WINDOW_MM } from './letter.pdf.ts';
import { batchLettersToPrint } from './letters.service.ts';
import { linesOf, readPdfWords, wordsInside } from './testing.ts';

const invitation: MessageTemplate<{ name: string; when: string }> = {
  name: 'test.letter-invitation',
  description: 'Une invitation par courrier, pour les tests',
  channel: 'letter',
  example: { name: 'Aïcha Benali', when: 'mardi 11 mars à 9 h 30' },
  render: (data, context) => ({
    subject: 'Votre premier rendez-vous',
    paragraphs: [`Bonjour ${data.name},`, `Votre référent vous attend ${data.when}.`],
    signature: `Le service insertion\n${context.territoryName ?? ''}`,
  }),
};

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const withoutCsrf = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

describe('letters: from the outbox to posted, through the pages', () => {
  let t: TestContext;
  let db: Db;
  let organisation: Awaited<ReturnType<typeof newOrganisation>>;
  let agent: Awaited<ReturnType<typeof newAgent>>;
  let agentCookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    t.platform.messaging.templates.register(invitation);
    await startWorking(t.platform, messagingJobs);
    organisation = await newOrganisation(db, { name: 'UTS La Seyne-sur-Mer' });
    agent = await newAgent(db, {
      firstName: 'Samia',
      lastName: 'Haddad',
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });
    agentCookie = await signInAs(db, agent.id);
  });
  afterAll(() => t.close());

  function queueLetter(key: string, recipient: string, organisationId: string | null = organisation.id) {
    return db.transaction((tx) =>
      queueMessage(tx, t.platform.messaging, {
        channel: 'letter',
        template: invitation.name,
        recipient,
        data: { name: recipient.split('\n')[0], when: 'mardi 11 mars à 9 h 30' },
        idempotencyKey: `test:letter:${key}`,
        organisationId,
      }),
    );
  }

  const statusOf = async (ids: string[]) =>
    (await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids))).map((m) => m.status);

  const waitUntilToPrint = (ids: string[]) =>
    waitFor(async () => ((await statusOf(ids)).every((s) => s === 'to_print') ? true : undefined));

  /** Queues letters, lets the worker deliver them, and makes a batch of them through the page. */
  async function batchThroughPages(cookie: string, keys: string[]) {
    const letters = await Promise.all(
      keys.map((key, i) => queueLetter(key, `M. Personne ${key}\n${i + 1} rue des Lilas\n64000 Pau`)),
    );
    await waitUntilToPrint(letters.map((l) => l.id));
    const { response } = await submitForm(t.app, {
      page: '/messages/lettres',
      action: '/messages/lettres/lots',
      cookie,
      fields: { organisation: organisation.slug },
    });
    expect(response.statusCode).toBe(303);
    return { batchId: response.headers.location!.split('/').at(-1)!, letters };
  }

  it('queues letters to print, batches them, gives the PDF, and marks them posted', async () => {
    const aicha = await queueLetter(
      'aicha',
      'Madame Aïcha Benali\nRésidence Les Mimosas Bât. B\n12 avenue de la République\n83500 La Seyne-sur-Mer',
    );
    const louis = await queueLetter('louis', 'M. Louis Hoarau\nLieu-dit Bois de Nèfles\n97400 Saint-Denis');
    const invalid = await queueLetter('invalid', 'M. Jean Dupont\n64000 Pau');
    expect(aicha.status).toBe('queued');
    expect(aicha.recipientNormalised).toBe(
      'Madame Aïcha Benali\nRésidence Les Mimosas Bât. B\n12 avenue de la République\n83500 LA SEYNE SUR MER',
    );
    expect(invalid.status).toBe('invalid');
    expect(invalid.statusReason).toContain('adresse postale incomplète');

    await waitUntilToPrint([aicha.id, louis.id]);
    const [delivered] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, aicha.id));
    expect(delivered).toMatchObject({ provider: 'letter', letterBatchId: null, attempts: 1 });

    const desk = await t.app.inject({ url: '/messages/lettres', headers: { cookie: agentCookie } });
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('Lettres de UTS La Seyne-sur-Mer');
    expect(desk.body).toContain('Madame Aïcha Benali<br/>Résidence Les Mimosas Bât. B');
    expect(desk.body).toContain('97400 SAINT DENIS');
    expect(desk.body).toContain('Préparer un lot de 2 lettres');
    expect(desk.body).toContain('Lettres impossibles à envoyer');
    expect(desk.body).toContain('adresse postale incomplète');
    expect(desk.body).toContain('Aucun lot n’a encore été préparé.');
    expect(desk.body.match(/<h1[ >]/g)).toHaveLength(1);

    const { response: created, cookie } = await submitForm(t.app, {
      page: '/messages/lettres',
      action: '/messages/lettres/lots',
      cookie: agentCookie,
      fields: { organisation: organisation.slug },
    });
    expect(created.statusCode).toBe(303);
    const batchPage = created.headers.location!;
    expect(batchPage).toMatch(/^\/messages\/lettres\/lots\/[0-9a-f-]{36}$/);
    const batchId = batchPage.split('/').at(-1)!;
    const [batch] = await db.select().from(letterBatches).where(eq(letterBatches.id, batchId));
    expect(batch).toMatchObject({
      organisationId: organisation.id,
      createdByAgentId: agent.id,
      postedAt: null,
    });
    const inBatch = await db.select().from(outboxMessages).where(eq(outboxMessages.letterBatchId, batchId));
    expect(inBatch.map((m) => m.id).sort()).toEqual([aicha.id, louis.id].sort());

    const page = await t.app.inject({ url: batchPage, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lot préparé : 2 lettres.');
    expect(page.body).toContain('Marquer comme posté');
    expect(page.body).toContain('83500 LA SEYNE SUR MER');
    expect(page.body).toContain('À poster');

    const pdf = await t.app.inject({ url: `${batchPage}.pdf`, headers: { cookie } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      new RegExp(
        `^attachment; filename="lettres-${organisation.slug}-\\d{4}-\\d{2}-\\d{2}-${batchId.slice(0, 8)}\\.pdf"$`,
      ),
    );
    expect(pdf.headers['cache-control']).toBe('no-store');
    const pages = await readPdfWords(pdf.rawPayload);
    expect(pages.map((p) => linesOf(wordsInside(p, ADDRESS_WINDOW_MM)))).toEqual([
      [
        'Madame Aïcha Benali',
        'Résidence Les Mimosas Bât. B',
        '12 avenue de la République',
        '83500 LA SEYNE SUR MER',
      ],
      ['M. Louis Hoarau', 'Lieu-dit Bois de Nèfles', '97400 SAINT DENIS'],
    ]);
    const text = pages[0]!.words.map((w) => w.text).join(' ');
    expect(text).toContain('UTS La Seyne-sur-Mer');
    expect(text).toContain('Bonjour Madame Aïcha Benali,');
    expect(text).toContain(`Référence : ${aicha.id.slice(0, 8).toUpperCase()}`);

    const duplex = await t.app.inject({ url: `${batchPage}.pdf?recto-verso=1`, headers: { cookie } });
    expect(await readPdfWords(duplex.rawPayload)).toHaveLength(3); // letter, blank page, letter

    const emptied = await t.app.inject({ url: '/messages/lettres', headers: { cookie } });
    expect(emptied.body).toContain('Aucune lettre n’attend d’être imprimée.');
    expect(emptied.body).toContain(`href="${batchPage}"`);
    expect(emptied.body).toContain('À poster');

    const { response: posted, cookie: after } = await submitForm(t.app, {
      page: batchPage,
      action: `${batchPage}/poste`,
      cookie,
      fields: {},
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(batchPage);
    expect(await statusOf([aicha.id, louis.id])).toEqual(['posted', 'posted']);
    const [postedBatch] = await db.select().from(letterBatches).where(eq(letterBatches.id, batchId));
    expect(postedBatch!.postedAt).toBeInstanceOf(Date);
    expect(postedBatch!.postedByAgentId).toBe(agent.id);
    const postedPage = await t.app.inject({ url: batchPage, headers: { cookie: after } });
    expect(postedPage.body).toContain('Lot marqué comme posté : 2 lettres envoyées.');
    expect(postedPage.body).toContain('Posté le');
    expect(postedPage.body).not.toContain('>Marquer comme posté<');

    const again = await submitForm(t.app, {
      page: batchPage,
      action: `${batchPage}/poste`,
      cookie,
      fields: {},
    });
    expect(again.response.statusCode).toBe(303);
    const againPage = await t.app.inject({ url: batchPage, headers: { cookie: again.cookie } });
    expect(againPage.body).toContain('Ce lot était déjà marqué comme posté.');

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'letter_batch'), eq(auditEvents.resourceId, batchId)));
    // Every view of the batch page is a 'read' (submitForm loads it too); each PDF an 'export'.
    expect(
      audit
        .map((e) => e.action)
        .filter((a) => a !== 'read')
        .sort(),
    ).toEqual(['create', 'export', 'export', 'update']);
    expect(audit.filter((e) => e.action === 'read')).toHaveLength(5);
    expect(audit.every((e) => e.actorId === agent.id && e.organisationId === organisation.id)).toBe(true);
    expect(audit.find((e) => e.action === 'update')!.details).toEqual({ posted: true, letters: 2 });
  });

  it('makes no batch when nothing waits to be printed', async () => {
    const before = await db
      .select()
      .from(letterBatches)
      .where(eq(letterBatches.organisationId, organisation.id));
    const { response, cookie } = await submitForm(t.app, {
      page: '/messages/lettres',
      action: '/messages/lettres/lots',
      cookie: agentCookie,
      fields: { organisation: organisation.slug },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/messages/lettres?organisation=${organisation.slug}`);
    const page = await t.app.inject({ url: response.headers.location!, headers: { cookie } });
    expect(page.body).toContain('aucun lot n’a été préparé');
    const after = await db
      .select()
      .from(letterBatches)
      .where(eq(letterBatches.organisationId, organisation.id));
    expect(after).toHaveLength(before.length);
  });

  it('never puts a letter in two batches when two agents make one at the same moment', async () => {
    const letters = await Promise.all(
      ['race-1', 'race-2', 'race-3'].map((key) => queueLetter(key, `M. ${key}\n1 rue des Lilas\n64000 Pau`)),
    );
    await waitUntilToPrint(letters.map((l) => l.id));
    const caller = {
      actor: {
        agentId: agent.id,
        email: agent.email,
        firstName: '',
        lastName: '',
        isOperator: false,
        memberships: [
          {
            organisationId: organisation.id,
            organisationSlug: organisation.slug,
            organisationName: organisation.name,
            organisationKind: 'service',
            territoryId: organisation.territoryId,
            territoryName: null,
            territorySlug: null,
            territoryLogoVersion: null,
            role: 'agent' as const,
          },
        ],
      },
      audit: systemActor,
    };
    const results = await Promise.all([
      batchLettersToPrint(db, caller, { ...organisation, territoryName: null }),
      batchLettersToPrint(db, caller, { ...organisation, territoryName: null }),
    ]);
    expect(results.map((r) => r?.letters ?? 0).sort()).toEqual([0, 3]);
    const rows = await db
      .select()
      .from(outboxMessages)
      .where(
        inArray(
          outboxMessages.id,
          letters.map((l) => l.id),
        ),
      );
    expect(new Set(rows.map((r) => r.letterBatchId)).size).toBe(1);
    const batches = await db
      .select()
      .from(letterBatches)
      .where(eq(letterBatches.id, rows[0]!.letterBatchId!));
    expect(batches).toHaveLength(1);
  });

  it('downloads one letter on its own, and refuses a letter whose address was not accepted', async () => {
    const letter = await queueLetter('single', 'Mme Zaina Ali\n8 rue du Commerce\n97600 Mamoudzou');
    await waitUntilToPrint([letter.id]);
    const response = await t.app.inject({
      url: `/messages/lettres/${letter.id}.pdf`,
      headers: { cookie: agentCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="lettre-${letter.id.slice(0, 8).toLowerCase()}.pdf"`,
    );
    const pages = await readPdfWords(response.rawPayload);
    expect(pages.map((p) => linesOf(wordsInside(p, ADDRESS_WINDOW_MM)))).toEqual([
      ['Mme Zaina Ali', '8 rue du Commerce', '97600 MAMOUDZOU'],
    ]);
    const [exported] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, letter.id), eq(auditEvents.action, 'export')));
    expect(exported).toMatchObject({
      resourceType: 'letter',
      actorId: agent.id,
      organisationId: organisation.id,
    });

    const invalid = await queueLetter('single-invalid', 'Mme Zaina Ali\n8 rue du Commerce\n98000 Monaco');
    const refused = await t.app.inject({
      url: `/messages/lettres/${invalid.id}.pdf`,
      headers: { cookie: agentCookie },
    });
    expect(refused.statusCode).toBe(409);
  });

  it('fails a letter that belongs to no organisation: nobody could print it', async () => {
    const orphan = await queueLetter('orphan', 'M. Jean Dupont\n3 rue des Lilas\n64000 Pau', null);
    const failed = await waitFor(async () => {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, orphan.id));
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed.statusReason).toContain('une lettre doit appartenir à une organisation');
  });

  it('answers 404 to agents of other organisations, everywhere, and audits it', async () => {
    const { batchId, letters } = await batchThroughPages(agentCookie, ['outside-1']);
    const other = await newOrganisation(db, { name: 'CCAS de Pau' });
    const outsider = await newAgent(db, { memberships: [{ organisationId: other.id, role: 'admin' }] });
    const cookie = await signInAs(db, outsider.id);

    const own = await t.app.inject({ url: '/messages/lettres', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Lettres de CCAS de Pau');
    expect(own.body).not.toContain('M. Personne outside-1');

    const unknownId = '00000000-0000-4000-8000-000000000000';
    const unknown = await t.app.inject({ url: `/messages/lettres/lots/${unknownId}`, headers: { cookie } });
    expect(unknown.statusCode).toBe(404);
    for (const url of [
      `/messages/lettres?organisation=${organisation.slug}`,
      `/messages/lettres/lots/${batchId}`,
      `/messages/lettres/lots/${batchId}.pdf`,
      `/messages/lettres/${letters[0]!.id}.pdf`,
    ]) {
      const response = await t.app.inject({ url, headers: { cookie } });
      expect(response.statusCode, url).toBe(404);
      expect(withoutCsrf(response.body)).toBe(withoutCsrf(unknown.body));
    }
    const post = await submitForm(t.app, {
      page: '/messages/lettres',
      action: `/messages/lettres/lots/${batchId}/poste`,
      cookie,
      fields: {},
    });
    expect(post.response.statusCode).toBe(404);
    const batch = await submitForm(t.app, {
      page: '/messages/lettres',
      action: '/messages/lettres/lots',
      cookie,
      fields: { organisation: organisation.slug },
    });
    expect(batch.response.statusCode).toBe(404);

    const [row] = await db.select().from(letterBatches).where(eq(letterBatches.id, batchId));
    expect(row!.postedAt).toBeNull();
    const denied = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, outsider.id), eq(auditEvents.action, 'denied')));
    expect(denied).toHaveLength(6);
    expect(denied.every((e) => e.organisationId === organisation.id)).toBe(true);
    expect(denied.map((e) => e.resourceType).sort()).toEqual([
      'letter',
      'letter',
      'letter',
      'letter_batch',
      'letter_batch',
      'letter_batch',
    ]);
  });

  it('lets read-only members view and download, but neither batch nor post', async () => {
    const { batchId } = await batchThroughPages(agentCookie, ['readonly-1', 'readonly-2']);
    await queueLetter('readonly-waiting', 'M. Paul Roux\n4 allée des Pins\n83000 Toulon');
    const reader = await newAgent(db, {
      memberships: [{ organisationId: organisation.id, role: 'readonly' }],
    });
    const cookie = await signInAs(db, reader.id);
    const batchPage = `/messages/lettres/lots/${batchId}`;

    const page = await t.app.inject({ url: batchPage, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`action="${batchPage}/poste"`);
    expect(page.body).toContain(
      'Un agent ou un administrateur de l’organisation marquera ce lot comme posté.',
    );
    const pdf = await t.app.inject({ url: `${batchPage}.pdf`, headers: { cookie } });
    expect(pdf.statusCode).toBe(200);
    const desk = await waitFor(async () => {
      const response = await t.app.inject({ url: '/messages/lettres', headers: { cookie } });
      return response.body.includes('83000 TOULON') ? response : undefined;
    });
    expect(desk.body).not.toContain('action="/messages/lettres/lots"');

    const post = await submitForm(t.app, {
      page: batchPage,
      action: `${batchPage}/poste`,
      cookie,
      fields: {},
    });
    expect(post.response.statusCode).toBe(403);
    const batch = await submitForm(t.app, {
      page: '/messages/lettres',
      action: '/messages/lettres/lots',
      cookie,
      fields: { organisation: organisation.slug },
    });
    expect(batch.response.statusCode).toBe(403);
    const [row] = await db.select().from(letterBatches).where(eq(letterBatches.id, batchId));
    expect(row!.postedAt).toBeNull();
    const denied = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, reader.id), eq(auditEvents.action, 'denied')));
    expect(denied).toHaveLength(2);
  });

  it('lets operators handle any organisation’s letters', async () => {
    const operator = await newAgent(db, { isOperator: true });
    const cookie = await signInAs(db, operator.id);
    const response = await t.app.inject({
      url: `/messages/lettres?organisation=${organisation.slug}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Lettres de UTS La Seyne-sur-Mer');
    const none = await t.app.inject({ url: '/messages/lettres', headers: { cookie } });
    expect(none.body).toContain('Vous n’êtes membre d’aucune organisation');
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    const response = await t.app.inject({ url: '/messages/lettres' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/connexion?suite=${encodeURIComponent('/messages/lettres')}`);
  });
});
