import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { accueilModule } from '../index.ts';
import { lines } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { CHANGED_MEANWHILE } from './configuration.service.ts';
import { changeForm, formFields } from './testing.ts';
import { paths } from './views/common.tsx';

describe('line configuration (admin)', () => {
  let t: TestContext;
  let db: Db;
  let world: AccueilWorld;

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    db = t.platform.database.db;
    world = await accueilWorld(db);
  });
  afterAll(() => t.close());

  // Each test starts from the UTS La Seyne flow as seeded.
  beforeEach(async () => {
    await db
      .update(lines)
      .set({ flow: utsLaSeyneFlow(), updatedAt: new Date() })
      .where(eq(lines.id, world.line.id));
  });

  const savedFlow = async () =>
    (await db.select({ flow: lines.flow }).from(lines).where(eq(lines.id, world.line.id)))[0]!.flow;
  const edit = (page: string, changes: Record<string, string | null>, action?: string) =>
    changeForm(t.app, { page, action, cookie: world.admin.cookie, changes });

  it('shows the line, its retention settings and its flow, with no problem for the UTS flow', async () => {
    const page = await get(t, paths.overview(world.line.id), world.admin.cookie);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Configuration – Accueil UTS La Seyne');
    expect(text).toContain('04 94 00 00 00');
    expect(text).toContain('Messages vocaux conservés 30 jours');
    expect(text).toContain('Numéros des appelants conservés 90 jours');
    expect(text).toContain('Rappel dû dans les 4 heures ouvrées');
    expect(text).toContain('Le parcours est complet');
    expect(text).toContain('Action sociale de proximité et insertion (ASPI)');
    expect(text).toContain('mardi 8 h 30 – 12 h, 13 h 30 – 17 h');
    expect(text).toContain('vendredi 8 h 30 – 12 h, 13 h 30 – 16 h 30');
    expect(text).toContain('samedi fermé');
    expect(text).toContain('Pour l’action sociale et l’insertion, tapez 1.');
    expect(text).toContain('1. être rappelé ; 2. laisser un message ; 3. recevoir un SMS');
    expect(page.body.match(/<h1/g)).toHaveLength(1);
  });

  it('lists the problems of a flow saved invalid elsewhere at the top', async () => {
    const flow = utsLaSeyneFlow();
    flow.services[0]!.hours = {};
    await db.update(lines).set({ flow }).where(eq(lines.id, world.line.id));
    const text = textOf((await get(t, paths.overview(world.line.id), world.admin.cookie)).body);
    expect(text).toContain('Le parcours a un problème');
    expect(text).toContain('Aucune heure d’ouverture : le service serait toujours fermé');
  });

  it('is for the admins of the line’s organisation only: 404 for its agents, read-only members and others', async () => {
    for (const who of [world.agent, world.readonly, world.outsider]) {
      for (const url of [
        paths.overview(world.line.id),
        paths.service(world.line.id, 'aspi'),
        paths.hours(world.line.id, 'aspi'),
        paths.simulator(world.line.id),
      ]) {
        expect((await get(t, url, who.cookie)).statusCode, `${who.firstName} ${url}`).toBe(404);
      }
    }
    const denied = await auditTrail(db, { action: 'denied', resourceType: 'accueil_line' });
    expect(new Set(denied.map((d) => d.actorId))).toEqual(
      new Set([world.agent.id, world.readonly.id, world.outsider.id]),
    );
    expect((await get(t, paths.overview('pas-un-uuid'), world.admin.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.service(world.line.id, 'inconnu'), world.admin.cookie)).statusCode).toBe(404);
    // A post by an agent is refused the same way.
    const page = await get(t, paths.overview(world.line.id), world.admin.cookie);
    expect(page.statusCode).toBe(200);
    const posted = await t.app.inject({
      method: 'POST',
      url: paths.retention(world.line.id),
      headers: { cookie: world.agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'audio=10',
    });
    expect([403, 404]).toContain(posted.statusCode);
  });

  it('saves a service’s transfer number typed the French way in E.164, and audits what changed', async () => {
    const { response, cookie } = await edit(paths.service(world.line.id, 'aspi'), {
      transfert: '04 94 12 34 56',
      sonnerie: '30',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(paths.overview(world.line.id));
    const aspi = (await savedFlow()).services.find((s) => s.key === 'aspi')!;
    expect(aspi.transferTo).toBe('+33494123456');
    expect(aspi.ringSeconds).toBe(30);
    expect(aspi.booking).toEqual({ commune: '83126' });
    const trail = await auditTrail(db, {
      action: 'update',
      resourceType: 'accueil_line',
      resourceId: world.line.id,
    });
    expect(trail.at(-1)).toMatchObject({
      actorId: world.admin.id,
      organisationId: world.uts.id,
      details: {
        change: 'service aspi',
        changes: [
          { path: 'services.aspi.transferTo', before: 'sip:aspi@127.0.0.1:5091', after: '+33494123456' },
          { path: 'services.aspi.ringSeconds', before: 25, after: 30 },
        ],
      },
    });
    const overview = await get(t, paths.overview(world.line.id), cookie);
    expect(textOf(overview.body)).toContain(
      'Service Action sociale de proximité et insertion (ASPI) enregistré.',
    );
    expect(textOf(overview.body)).toContain('Transfert vers 04 94 12 34 56, sonne 30 secondes');
  });

  it('accepts a SIP address and refuses a number that is neither, keeping what was typed', async () => {
    const sip = await edit(paths.service(world.line.id, 'ase'), { transfert: 'SIP:ase@10.0.0.5' });
    expect(sip.response.statusCode).toBe(303);
    expect((await savedFlow()).services.find((s) => s.key === 'ase')!.transferTo).toBe('sip:ase@10.0.0.5');
    const wrong = await edit(paths.service(world.line.id, 'ase'), {
      transfert: '04 94',
      nom: 'ASE (nouveau nom)',
    });
    expect(wrong.response.statusCode).toBe(400);
    expect(fieldError(wrong.response.body, 'transfert')).toContain('Ce numéro n’est pas valide');
    const kept = formFields(wrong.response.body, paths.service(world.line.id, 'ase'));
    expect(kept).toMatchObject({ transfert: '04 94', nom: 'ASE (nouveau nom)' });
    expect((await savedFlow()).services.find((s) => s.key === 'ase')!.name).toBe(
      'Aide sociale à l’enfance (ASE)',
    );
  });

  it('edits the overflow choices in order, the SMS text (300 characters at most) and the booking link', async () => {
    const long = await edit(paths.service(world.line.id, 'pole-accueil'), { sms: 'x'.repeat(301) });
    expect(long.response.statusCode).toBe(400);
    expect(fieldError(long.response.body, 'sms')).toBe('Le SMS fait 301 caractères : 300 au plus.');
    const twice = await edit(paths.service(world.line.id, 'pole-accueil'), {
      'debordement-1': 'sms',
      'debordement-2': 'sms',
    });
    expect(fieldError(twice.response.body, 'debordement-2')).toBe('Ce choix est déjà proposé plus haut.');
    const saved = await edit(paths.service(world.line.id, 'pole-accueil'), {
      'debordement-1': 'sms',
      'debordement-2': 'rappel',
      'debordement-3': '',
      'rdv-commune': '',
    });
    expect(saved.response.statusCode).toBe(303);
    const service = (await savedFlow()).services.find((s) => s.key === 'pole-accueil')!;
    expect(service.overflow).toEqual(['sms', 'rappel']);
    expect(service.booking).toBeUndefined();
  });

  it('refuses a save that leaves a dead end, with the message on the field and the values typed kept', async () => {
    // A sub-menu « familles » on key 4 leading to ASPI, then « suivi » under it leading back to it.
    const familles = await edit(paths.newMenu(world.line.id), {
      key: 'familles',
      prompt: 'menu-familles',
      'parent-menu': 'principal',
      'parent-touche': '4',
      'option-1': 'service:aspi',
    });
    expect(familles.response.statusCode).toBe(303);
    const suivi = await edit(paths.newMenu(world.line.id), {
      key: 'suivi',
      prompt: 'menu-suivi',
      'parent-menu': 'familles',
      'parent-touche': '2',
      'option-1': 'menu:familles',
    });
    expect(suivi.response.statusCode).toBe(303);
    const before = await savedFlow();
    // « familles » leading only to « suivi », which leads only back: no service can be reached.
    const { response } = await edit(paths.menu(world.line.id, 'familles'), {
      prompt: 'menu-familles-bis',
      'option-1': '',
      'option-2': 'menu:suivi',
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'option-1')).toBe(
      'Impasse : aucune option du menu « familles », même par ses sous-menus, ne mène à un service.',
    );
    expect(textOf(response.body)).toContain('Impasse : aucune option du menu « suivi »');
    expect(formFields(response.body, paths.menu(world.line.id, 'familles'))).toMatchObject({
      prompt: 'menu-familles-bis',
      'option-1': '',
      'option-2': 'menu:suivi',
    });
    expect(await savedFlow()).toEqual(before);

    // A new sub-menu without any option is a dead end too.
    const empty = await edit(paths.newMenu(world.line.id), {
      key: 'vide',
      prompt: 'menu-vide',
      'parent-menu': 'principal',
      'parent-touche': '5',
    });
    expect(empty.response.statusCode).toBe(400);
    expect(fieldError(empty.response.body, 'option-1')).toBe('Ce menu ne propose aucune option.');
    expect(formFields(empty.response.body, paths.newMenu(world.line.id))).toMatchObject({
      key: 'vide',
      prompt: 'menu-vide',
      'parent-touche': '5',
    });

    // Removing « suivi » frees the key that led to it, as its confirmation page says.
    const confirm = await get(t, paths.removeMenu(world.line.id, 'suivi'), world.admin.cookie);
    expect(textOf(confirm.body)).toContain(
      'Cette touche ne sera plus proposée : la touche 2 du menu « familles ».',
    );
    expect((await edit(paths.removeMenu(world.line.id, 'suivi'), {})).response.statusCode).toBe(303);
    const flow = await savedFlow();
    expect(flow.menus.map((m) => m.key)).toEqual(['principal', 'familles']);
    expect(flow.menus[1]!.options).toEqual({ '1': { service: 'aspi' } });
    // Removing « familles » now would leave nothing wrong; removing the root menu is refused.
    expect((await get(t, paths.removeMenu(world.line.id, 'principal'), world.admin.cookie)).statusCode).toBe(
      200,
    );
    const root = await edit(paths.removeMenu(world.line.id, 'principal'), {});
    expect(root.response.statusCode).toBe(400);
    expect(textOf(root.response.body)).toContain('Le menu d’accueil ne peut pas être supprimé.');
  });

  it('removes a service (freeing its keys) unless it answers the 0 key, and refuses a service without hours', async () => {
    // The operator's service is changed in the settings first.
    const operator = await edit(paths.removeService(world.line.id, 'pole-accueil'), {});
    expect(operator.response.statusCode).toBe(400);
    expect(textOf(operator.response.body)).toContain('Ce service répond à la touche 0');
    // ASE removed: key 2 of the main menu is freed.
    expect((await edit(paths.removeService(world.line.id, 'ase'), {})).response.statusCode).toBe(303);
    expect(Object.keys((await savedFlow()).menus[0]!.options)).toEqual(['1', '3']);
    const closed = await edit(
      paths.hours(world.line.id, 'aspi'),
      Object.fromEntries(
        [1, 2, 3, 4, 5].flatMap((d) =>
          [1, 2].flatMap((n) => [
            [`jour-${d}-${n}-debut`, ''],
            [`jour-${d}-${n}-fin`, ''],
          ]),
        ),
      ),
    );
    expect(closed.response.statusCode).toBe(400);
    expect(fieldError(closed.response.body, 'jour-1-1-debut')).toBe(
      'Aucune heure d’ouverture : le service serait toujours fermé, les appels jamais transférés.',
    );
  });

  it('edits opening hours, refusing overlapping ranges with the values kept', async () => {
    const page = paths.hours(world.line.id, 'aspi');
    const overlap = await edit(page, { 'jour-2-2-debut': '11:00', 'jour-2-2-fin': '14:00' });
    expect(overlap.response.statusCode).toBe(400);
    expect(fieldError(overlap.response.body, 'jour-2-2-debut')).toBe(
      'Cette plage chevauche celle de 8 h 30 – 12 h.',
    );
    expect(formFields(overlap.response.body, page)).toMatchObject({
      'jour-2-2-debut': '11:00',
      'jour-2-2-fin': '14:00',
    });
    const backwards = await edit(page, { 'jour-6-1-debut': '12:00', 'jour-6-1-fin': '09:00' });
    expect(fieldError(backwards.response.body, 'jour-6-1-fin')).toBe(
      'L’heure de fin doit être après l’heure de début.',
    );

    const saved = await edit(page, {
      'jour-6-1-debut': '9:00',
      'jour-6-1-fin': '12h',
      'jour-3-3-debut': '18:00',
      'jour-3-3-fin': '19:30',
      feries: null,
    });
    expect(saved.response.statusCode).toBe(303);
    const aspi = (await savedFlow()).services.find((s) => s.key === 'aspi')!;
    expect(aspi.hours[6]).toEqual([{ from: '09:00', to: '12:00' }]);
    expect(aspi.hours[3]).toEqual([
      { from: '08:30', to: '12:00' },
      { from: '13:30', to: '17:00' },
      { from: '18:00', to: '19:30' },
    ]);
    expect(aspi.closedOnPublicHolidays).toBe(false);
  });

  it('adds and removes exceptional closures', async () => {
    const page = paths.closures(world.line.id, 'aspi');
    const wrong = await edit(page, { du: '2025-12-31', au: '2025-12-24', motif: 'Fêtes' });
    expect(wrong.response.statusCode).toBe(400);
    expect(fieldError(wrong.response.body, 'au')).toBe(
      'Le dernier jour doit être le premier jour ou un jour après.',
    );
    expect(formFields(wrong.response.body, page)).toMatchObject({
      du: '2025-12-31',
      au: '2025-12-24',
      motif: 'Fêtes',
    });

    const added = await edit(page, {
      du: '2025-12-24',
      au: '2025-12-31',
      motif: 'Fêtes de fin d’année',
      tous: 'on',
    });
    expect(added.response.statusCode).toBe(303);
    expect(added.response.headers.location).toBe(page);
    const flow = await savedFlow();
    for (const service of flow.services) {
      expect(service.closures).toEqual([
        { from: '2025-12-24', to: '2025-12-31', reason: 'Fêtes de fin d’année' },
      ]);
    }
    const listed = await get(t, page, added.cookie);
    expect(textOf(listed.body)).toContain('24 décembre 2025 31 décembre 2025 Fêtes de fin d’année');

    const removed = await edit(page, {}, paths.removeClosure(world.line.id, 'aspi'));
    expect(removed.response.statusCode).toBe(303);
    const after = await savedFlow();
    expect(after.services.find((s) => s.key === 'aspi')!.closures).toEqual([]);
    expect(after.services.find((s) => s.key === 'ase')!.closures).toHaveLength(1);
  });

  it('refuses a save when the configuration changed meanwhile, keeping the values typed', async () => {
    const page = paths.service(world.line.id, 'aspi');
    const opened = await get(t, page, world.admin.cookie);
    const stale = formFields(opened.body, page);
    // Another admin saves in between.
    expect((await edit(paths.general(world.line.id), { attente: '8' })).response.statusCode).toBe(303);
    const { response } = await changeForm(t.app, {
      page,
      cookie: world.admin.cookie,
      changes: { ...stale, transfert: '04 94 99 99 99' },
    });
    expect(response.statusCode).toBe(409);
    expect(textOf(response.body)).toContain(CHANGED_MEANWHILE);
    const kept = formFields(response.body, page);
    expect(kept.transfert).toBe('04 94 99 99 99');
    expect(kept.version).not.toBe(stale.version);
    const flow = await savedFlow();
    expect(flow.noInputSeconds).toBe(8);
    expect(flow.services.find((s) => s.key === 'aspi')!.transferTo).toBe('sip:aspi@127.0.0.1:5091');
    // Sent again from the page shown, with its new version, it is saved.
    const again = await changeForm(t.app, { page, cookie: world.admin.cookie, changes: { ...kept } });
    expect(again.response.statusCode).toBe(303);
  });

  it('edits the retention settings within the table’s bounds, audited', async () => {
    const page = paths.retention(world.line.id);
    const wrong = await edit(page, { audio: '400', numeros: '0', rappel: '41' });
    expect(wrong.response.statusCode).toBe(400);
    expect(fieldError(wrong.response.body, 'audio')).toBe('Indiquez un nombre de jours entre 1 et 365.');
    expect(fieldError(wrong.response.body, 'numeros')).toBe('Indiquez un nombre de jours entre 1 et 730.');
    expect(fieldError(wrong.response.body, 'rappel')).toBe('Indiquez un nombre d’heures entre 1 et 40.');
    const saved = await edit(page, { audio: '15', numeros: '60', rappel: '8' });
    expect(saved.response.statusCode).toBe(303);
    const [line] = await db.select().from(lines).where(eq(lines.id, world.line.id));
    expect(line).toMatchObject({ audioRetentionDays: 15, numberRetentionDays: 60, callbackDueHours: 8 });
    const trail = await auditTrail(db, { action: 'update', resourceType: 'accueil_line' });
    expect(trail.at(-1)?.details).toMatchObject({
      changes: [
        { path: 'audioRetentionDays', before: 30, after: 15 },
        { path: 'numberRetentionDays', before: 90, after: 60 },
        { path: 'callbackDueHours', before: 4, after: 8 },
      ],
    });
  });

  it('keeps the hosted provider’s secret without ever showing it, and clears it', async () => {
    const page = paths.provider(world.line.id);
    const short = await edit(page, { secret: 'court' });
    expect(short.response.statusCode).toBe(400);
    expect(fieldError(short.response.body, 'secret')).toContain('de 16 à 200 caractères');
    const saved = await edit(page, { secret: 'AC-auth-token-0123456789abcdef' });
    expect(saved.response.statusCode).toBe(303);
    const secretOf = async () =>
      (await db.select({ s: lines.webhookSecret }).from(lines).where(eq(lines.id, world.line.id)))[0]!.s;
    expect(await secretOf()).toBe('AC-auth-token-0123456789abcdef');
    const shown = await get(t, page, world.admin.cookie);
    expect(shown.body).not.toContain('AC-auth-token');
    expect(textOf(shown.body)).toContain('http://localhost:3000/accueil/webhook/voix');
    const cleared = await changeForm(t.app, {
      page,
      action: page,
      cookie: world.admin.cookie,
      changes: { effacer: 'oui', secret: null },
    });
    expect(cleared.response.statusCode).toBe(303);
    expect(await secretOf()).toBeNull();
    const trail = await auditTrail(db, { action: 'update', resourceType: 'accueil_line' });
    expect(JSON.stringify(trail)).not.toContain('AC-auth-token');
    expect(trail.at(-1)?.details).toMatchObject({ change: 'secret du fournisseur effacé' });
    expect((await get(t, page, world.agent.cookie)).statusCode).toBe(404);
  });

  it('adds a service with its hours and the key that leads to it', async () => {
    const hours = Object.fromEntries(
      [1, 2, 3, 4].flatMap((d) => [
        [`jour-${d}-1-debut`, '09:00'],
        [`jour-${d}-1-fin`, '12:00'],
      ]),
    );
    const { response } = await edit(paths.newService(world.line.id), {
      cle: 'pmi',
      nom: 'Protection maternelle et infantile',
      transfert: '+33 4 94 55 66 77',
      sonnerie: '20',
      'message-ferme': 'pmi-ferme',
      'parent-menu': 'principal',
      'parent-touche': '4',
      ...hours,
    });
    expect(response.statusCode).toBe(303);
    const flow = await savedFlow();
    expect(flow.menus[0]!.options['4']).toEqual({ service: 'pmi' });
    expect(flow.services.at(-1)).toMatchObject({
      key: 'pmi',
      transferTo: '+33494556677',
      overflow: ['rappel', 'messagerie'],
      closedOnPublicHolidays: true,
      hours: { 1: [{ from: '09:00', to: '12:00' }] },
    });
    const duplicate = await edit(paths.newService(world.line.id), { cle: 'pmi', nom: 'Autre', ...hours });
    expect(fieldError(duplicate.response.body, 'cle')).toBe('Un service porte déjà cette clé.');
  });
});
