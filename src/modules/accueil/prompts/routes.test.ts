import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import { submitForm, submitMultipartForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { accueilModule } from '../index.ts';
import { prompts } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { hasProgram } from './programs.ts';
import { signedPromptPath } from './public-link.ts';
import { soxRecording } from './testing.ts';

describe('/accueil/lignes/:lineId/annonces: list, preview, text, recording, back to synthesis', () => {
  let t: TestContext;
  let world: AccueilWorld;
  let dataDir: string;
  let base: string;
  const db = () => t.platform.database.db;
  const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const row = async (key: string) =>
    (
      await db()
        .select()
        .from(prompts)
        .where(and(eq(prompts.lineId, world.line.id), eq(prompts.key, key)))
    )[0];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-annonces-'));
    t = await startTestApp({ DATA_DIR: dataDir }, [accueilModule]);
    world = await accueilWorld(db());
    base = `/accueil/lignes/${world.line.id}/annonces`;
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the flow’s prompts and the system prompts, each with its text, source and player', async () => {
    const page = await get(base, world.admin.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Annonces de la ligne « Accueil UTS La Seyne »');
    for (const key of [
      'accueil',
      'menu-principal',
      'aspi-ferme',
      'ase-ferme',
      'pole-accueil-ferme',
      'choix-invalide',
      'offre-rappel',
    ]) {
      expect(page.body).toContain(`<code>${key}</code>`);
    }
    expect(page.body).toContain('Service fermé : Aide sociale à l’enfance (ASE)');
    expect(page.body).toContain('Ce choix n’existe pas.');
    expect(page.body).toContain('Synthèse vocale');
    expect(page.body).toMatch(
      /<audio controls preload="none" src="\/accueil\/lignes\/[0-9a-f-]+\/annonces\/accueil\.wav\?v=s/,
    );
  });

  it('plays a prompt to the line’s agents as audio/wav, by byte ranges too', async () => {
    const list = await get(base, world.admin.cookie);
    const src = /src="([^"]+\/accueil\.wav\?v=[^"]+)"/.exec(list.body)![1]!.replaceAll('&amp;', '&');
    const wav = await get(src, world.agent.cookie);
    expect(wav.statusCode).toBe(200);
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(wav.headers['cache-control']).toBe('private, max-age=86400');
    expect(wav.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.rawPayload.readUInt16LE(20)).toBe(7);
    expect((await get(`${base}/accueil.wav`, world.agent.cookie)).headers['cache-control']).toBe(
      'private, no-cache',
    );

    const part = await get(src, world.agent.cookie, { range: 'bytes=0-99' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${wav.rawPayload.length}`);
    expect(part.rawPayload).toEqual(wav.rawPayload.subarray(0, 100));

    expect((await get(src, world.readonly.cookie)).statusCode).toBe(403);
    expect((await get(src, world.outsider.cookie)).statusCode).toBe(404);
    expect((await get(`${base}/inconnue.wav`, world.agent.cookie)).statusCode).toBe(404);
  });

  it('saves a new text, refuses an empty one on its field, and audits the change', async () => {
    const page = `${base}/aspi-ferme`;
    const form = await get(page, world.admin.cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>Annonce « aspi-ferme »</h1>');

    const empty = await submitForm(t.app, {
      page,
      action: `${page}/texte`,
      fields: { texte: '   ' },
      cookie: world.admin.cookie,
    });
    expect(empty.response.statusCode).toBe(400);
    expect(empty.response.body).toContain('Saisissez le texte de l’annonce : elle ne peut pas être vide.');
    expect(empty.response.body).toContain('aria-invalid="true"');

    const text = 'Le secrétariat de l’ASPI est fermé aujourd’hui.';
    const saved = await submitForm(t.app, {
      page,
      action: `${page}/texte`,
      fields: { texte: text },
      cookie: world.admin.cookie,
    });
    expect(saved.response.statusCode).toBe(303);
    expect(saved.response.headers.location).toBe(page);
    expect((await row('aspi-ferme'))?.text).toBe(text);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'accueil_prompt'), eq(auditEvents.actorId, world.admin.id)));
    expect(audit?.action).toBe('update');
    expect(audit?.details).toMatchObject({ lineId: world.line.id, key: 'aspi-ferme', change: 'texte' });

    // A system prompt the line never changed gets a row of its own.
    const system = `${base}/offre-rappel`;
    const own = await submitForm(t.app, {
      page: system,
      action: `${system}/texte`,
      fields: { texte: 'Pour qu’un agent vous rappelle, tapez' },
      cookie: world.admin.cookie,
    });
    expect(own.response.statusCode).toBe(303);
    expect((await row('offre-rappel'))?.text).toBe('Pour qu’un agent vous rappelle, tapez');
  });

  it('keeps other people out: 404 outside the organisation, 403 for a plain agent, nothing changed', async () => {
    const page = `${base}/accueil`;
    expect((await get(base, world.outsider.cookie)).statusCode).toBe(404);
    expect((await get(page, world.outsider.cookie)).statusCode).toBe(404);
    expect((await get(base, world.agent.cookie)).statusCode).toBe(403);
    expect((await get(`${base}/inexistante`, world.admin.cookie)).statusCode).toBe(404);
    expect((await get('/accueil/lignes/pas-un-uuid/annonces', world.admin.cookie)).statusCode).toBe(404);

    const before = (await row('accueil'))?.text;
    for (const [cookie, status] of [
      [world.outsider.cookie, 404],
      [world.agent.cookie, 403],
      [world.readonly.cookie, 403],
    ] as const) {
      const text = await submitForm(t.app, {
        page,
        action: `${page}/texte`,
        fields: { texte: 'Piraté' },
        cookie,
      });
      expect(text.response.statusCode).toBe(status);
      const revert = await submitForm(t.app, { page, action: `${page}/synthese`, fields: {}, cookie });
      expect(revert.response.statusCode).toBe(status);
      const upload = await submitMultipartForm(t.app, {
        page,
        action: `${page}/enregistrement`,
        files: { fichier: { filename: 'a.wav', type: 'audio/wav', data: Buffer.from('RIFF') } },
        cookie,
      });
      expect(upload.response.statusCode).toBe(status);
    }
    expect((await row('accueil'))?.text).toBe(before);
    const denials = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, world.line.id), eq(auditEvents.action, 'denied')));
    expect(denials.length).toBeGreaterThanOrEqual(9);
  });

  it('refuses a file that is not audio with a message on its field', async () => {
    const page = `${base}/accueil`;
    const refused = await submitMultipartForm(t.app, {
      page,
      action: `${page}/enregistrement`,
      files: {
        fichier: { filename: 'annonce.wav', type: 'audio/wav', data: Buffer.from('%PDF-1.7 pas du son') },
      },
      cookie: world.admin.cookie,
    });
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body).toContain('Ce fichier n’est pas un enregistrement audio');
    expect(refused.response.body).toContain('fr-upload-group--error');
    const missing = await submitMultipartForm(t.app, {
      page,
      action: `${page}/enregistrement`,
      files: { fichier: { filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) } },
      cookie: world.admin.cookie,
    });
    expect(missing.response.statusCode).toBe(400);
    expect(missing.response.body).toContain('Choisissez le fichier de l’enregistrement.');
    expect((await row('accueil'))?.source).toBe('synthese');
  });

  it.skipIf(!hasProgram('sox'))(
    'stores an uploaded recording in both laws, plays it, and goes back to synthesis',
    async () => {
      const page = `${base}/menu-principal`;
      const upload = await submitMultipartForm(t.app, {
        page,
        action: `${page}/enregistrement`,
        files: { fichier: { filename: 'menu.wav', type: 'audio/wav', data: await soxRecording('wav', 1.5) } },
        cookie: world.admin.cookie,
      });
      expect(upload.response.statusCode).toBe(303);
      const recorded = await row('menu-principal');
      expect(recorded).toMatchObject({ source: 'enregistrement', durationMs: 1500 });
      expect(recorded?.ulaw?.length).toBe(12_000);
      expect(recorded?.alaw?.length).toBe(12_000);
      expect(recorded?.text).toBe(
        'Pour l’action sociale et l’insertion, tapez 1. Pour l’aide sociale à l’enfance, tapez 2. Pour le pôle accueil, tapez 3. Pour parler à un agent d’accueil, tapez 0. Pour réécouter, tapez étoile.',
      );

      const shown = await get(page, world.admin.cookie);
      expect(shown.body).toContain('Enregistrement (2 s)');
      expect(shown.body).toContain('Revenir à la synthèse vocale');
      const wav = await get(`${page}.wav`, world.agent.cookie);
      expect(wav.rawPayload.subarray(58, 58 + 12_000)).toEqual(recorded!.ulaw);

      const revert = await submitForm(t.app, {
        page,
        action: `${page}/synthese`,
        fields: {},
        cookie: world.admin.cookie,
      });
      expect(revert.response.statusCode).toBe(303);
      expect(await row('menu-principal')).toMatchObject({
        source: 'synthese',
        ulaw: null,
        alaw: null,
        durationMs: null,
      });
      const changes = await db()
        .select({ details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.resourceType, 'accueil_prompt'), eq(auditEvents.resourceId, recorded!.id)));
      expect(changes.map((c) => c.details?.change)).toEqual(['enregistrement', 'synthese']);
      expect(changes[0]?.details).toMatchObject({ durationMs: 1500, filename: 'menu.wav' });
    },
  );

  it('serves prompts to hosted providers without a session at signed addresses only', async () => {
    const { secretKey } = t.platform.config;
    const signed = signedPromptPath(secretKey, world.line.id, 'accueil', 'v1');
    expect(signed).toMatch(/^\/accueil\/annonces\/[0-9a-f-]{36}\/accueil\.wav\?v=v1&s=/);
    const wav = await get(signed);
    expect(wav.statusCode).toBe(200);
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(wav.headers['cache-control']).toBe('public, max-age=86400');

    const unsigned = `/accueil/annonces/${world.line.id}/accueil.wav`;
    expect((await get(unsigned)).statusCode).toBe(404);
    const forged = signed.replace('/accueil.wav', '/menu-principal.wav');
    expect((await get(forged)).statusCode).toBe(404);
    // A signature is for one line: moved to another, it opens nothing.
    expect(
      (await get(signed.replace(world.line.id, '00000000-0000-4000-8000-000000000000'))).statusCode,
    ).toBe(404);
  });
});
