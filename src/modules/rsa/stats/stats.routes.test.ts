import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { TremplinModule } from '../../../platform/modules.ts';
import { addDays, localDay } from '../../../platform/scheduling/slots/calendar.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../../../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaIndicators } from './indicators.ts';
import { registerStats } from './routes.tsx';
import { newStatsBeneficiary } from './testing.ts';

/**
 * The pages, on a dataset placed relative to the real today (the pages compute for now): in one
 * territory's organisation A, five people met 3, 6, 9, 12 and 15 days after their rights opened
 * 60 days ago, and two invited 20 days ago, not yet met. Organisation B has one person not invited.
 */
const statsModule: TremplinModule = {
  name: 'rsa',
  title: 'Orientation RSA',
  register: registerStats,
  indicators: rsaIndicators,
};

describe('RSA statistics pages', () => {
  let t: TestContext;
  let db: Db;
  let territory: Awaited<ReturnType<typeof newTerritory>>;
  let organisationA: Awaited<ReturnType<typeof newOrganisation>>;
  let organisationB: Awaited<ReturnType<typeof newOrganisation>>;
  let otherTerritory: Awaited<ReturnType<typeof newTerritory>>;
  const lastNames: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, [statsModule]);
    db = t.platform.database.db;
    territory = await newTerritory(db, { name: 'Département de l’Essai' });
    organisationA = await newOrganisation(db, { territoryId: territory.id, kind: 'uts', name: 'UTS Alpha' });
    organisationB = await newOrganisation(db, { territoryId: territory.id, kind: 'uts', name: 'UTS Bêta' });
    otherTerritory = await newTerritory(db);
    const today = localDay(new Date());
    const opened = addDays(today, -60);
    for (const delay of [3, 6, 9, 12, 15]) {
      const person = await newStatsBeneficiary(db, {
        territoryId: territory.id,
        organisationId: organisationA.id,
        rightsOpenedOn: opened,
        firstMetAt: new Date(`${addDays(opened, delay)}T10:00:00Z`),
        status: 'rdv_honore',
      });
      lastNames.push(person.lastName);
    }
    for (let i = 0; i < 2; i++) {
      const person = await newStatsBeneficiary(db, {
        territoryId: territory.id,
        organisationId: organisationA.id,
        rightsOpenedOn: addDays(today, -20),
        status: 'invitation_envoyee',
      });
      lastNames.push(person.lastName);
    }
    const inB = await newStatsBeneficiary(db, {
      territoryId: territory.id,
      organisationId: organisationB.id,
      rightsOpenedOn: addDays(today, -10),
      status: 'non_invite',
    });
    lastNames.push(inB.lastName);
  });
  afterAll(() => t.close());

  async function agentOf(organisationId: string, role: 'admin' | 'agent' | 'readonly' = 'agent') {
    const agent = await newAgent(db, { memberships: [{ organisationId, role }] });
    return { agent, cookie: await signInAs(db, agent.id) };
  }

  it('shows the whole territory to its direction, every figure exact, with charts and their tables', async () => {
    const direction = await newOrganisation(db, { territoryId: territory.id, kind: 'direction' });
    const { cookie } = await agentOf(direction.id, 'readonly');
    const page = await t.app.inject({ url: '/rsa/statistiques', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Statistiques de l’orientation RSA');
    expect(page.body).toContain('<option value selected>Toute la collectivité</option>');
    expect(page.body).toContain('Département de l’Essai (toute la collectivité) : 12 derniers mois');
    expect(page.body).toContain('8 personnes dont les droits au RSA ont ouvert');
    // Delays 3, 6, 9, 12, 15: median and mean 9 days; the five met were all met within 30 days.
    expect(page.body).toContain('Délai médian');
    expect(page.body).toContain('9\u00a0jours');
    expect(page.body).toContain('100\u00a0%');
    expect(page.body).toContain('Invitation envoyée</td><td>2</td>');
    expect(page.body).not.toContain('&lt;\u00a05');
    // Both charts are images with a title, each followed by its table.
    expect(page.body.match(/<svg[^>]*role="img"/g)).toHaveLength(2);
    expect(page.body).toContain(
      'Délai médian avant le premier rendez-vous honoré, par mois d’ouverture des droits',
    );
    expect(page.body).toContain('<caption>Par mois d’ouverture des droits');
    expect(page.body).toContain('<caption>Personnes par étape du parcours</caption>');
    expect(page.body).toContain('Var 2019 : 8,5\u00a0mois (259 j)');
    expect(page.body).toContain(`href="/statistiques/rsa/${territory.slug}"`);

    const narrowed = await t.app.inject({
      url: `/rsa/statistiques?territoire=${territory.slug}&organisation=${organisationB.slug}&periode=3`,
      headers: { cookie },
    });
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.body).toContain('UTS Bêta : 3 derniers mois');
    expect(narrowed.body).toContain('1 personne dont les droits au RSA ont ouvert');
  });

  it('shows an organisation’s agent their organisation only; another organisation is not found, and audited', async () => {
    const { agent, cookie } = await agentOf(organisationA.id);
    const page = await t.app.inject({ url: '/rsa/statistiques', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('UTS Alpha : 12 derniers mois');
    expect(page.body).not.toContain('Toute la collectivité');
    expect(page.body).not.toContain('UTS Bêta');
    expect(page.body).toContain('7 personnes dont les droits au RSA ont ouvert');

    const denied = await t.app.inject({
      url: `/rsa/statistiques?organisation=${organisationB.slug}`,
      headers: { cookie },
    });
    expect(denied.statusCode).toBe(404);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, agent.id), eq(auditEvents.action, 'denied')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ resourceType: 'rsa_statistics' });
  });

  it('does not show a territory’s agent page to an agent of another territory', async () => {
    const elsewhere = await newOrganisation(db, { territoryId: otherTerritory.id, kind: 'direction' });
    const { cookie } = await agentOf(elsewhere.id, 'admin');
    const denied = await t.app.inject({
      url: `/rsa/statistiques?territoire=${territory.slug}`,
      headers: { cookie },
    });
    expect(denied.statusCode).toBe(404);
    const asOrganisation = await t.app.inject({
      url: `/rsa/statistiques?territoire=${otherTerritory.slug}&organisation=${organisationA.slug}`,
      headers: { cookie },
    });
    expect(asOrganisation.statusCode).toBe(404);
    // Their own territory: nobody there yet.
    const own = await t.app.inject({ url: '/rsa/statistiques', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('0 personne dont les droits au RSA ont ouvert');
    expect(own.body).not.toContain('Département de l’Essai');
  });

  it('asks to sign in, and tells an agent with no organisation why there is nothing', async () => {
    const anonymous = await t.app.inject({ url: '/rsa/statistiques' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/connexion');
    const loner = await newAgent(db);
    const page = await t.app.inject({
      url: '/rsa/statistiques',
      headers: { cookie: await signInAs(db, loner.id) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vous n’êtes membre d’aucune organisation');
  });

  it('publishes the territory’s aggregates to everyone, small numbers as « < 5 », cacheable', async () => {
    const page = await t.app.inject({ url: `/statistiques/rsa/${territory.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=300');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(String(page.headers.vary)).toContain('cookie');
    expect(page.body).toContain('Orientation des bénéficiaires du RSA : Département de l’Essai');
    expect(page.body).toContain('8 personnes dont les droits au RSA ont ouvert');
    // Five people met: enough to publish their median delay.
    expect(page.body).toContain('9\u00a0jours');
    // Two invited, one not invited: counts under 5 are not published.
    expect(page.body).toContain('Invitation envoyée</td><td>&lt;\u00a05</td><td>—</td>');
    expect(page.body).toContain('Non invité</td><td>&lt;\u00a05</td>');
    expect(page.body).not.toContain('Invitation envoyée</td><td>2</td>');
    expect(page.body).toContain('RDV honoré</td><td>5</td>');
    // Aggregates only: no name, no organisation, no link to a person.
    for (const name of lastNames) expect(page.body).not.toContain(name);
    expect(page.body).not.toContain('UTS Alpha');
    expect(page.body).not.toContain('/rsa/beneficiaires/');
    expect(page.body).toContain('un nombre de 1 à 4 personnes est affiché « &lt; 5 »');
    // The statuses chart draws no bar for a withheld count, only its « < 5 » label.
    const statusChart = page.body.slice(page.body.indexOf('id="graphique-statuts-titre"'));
    const chart = statusChart.slice(0, statusChart.indexOf('</svg>'));
    expect(chart.match(/<rect/g)).toHaveLength(1);
    expect(chart).toContain('&lt;\u00a05');
  });

  it('withholds every delay of a territory with fewer than 5 people met, bars included', async () => {
    const small = await newTerritory(db);
    const organisation = await newOrganisation(db, { territoryId: small.id, kind: 'uts' });
    const opened = addDays(localDay(new Date()), -45);
    for (const delay of [4, 8, 40]) {
      await newStatsBeneficiary(db, {
        territoryId: small.id,
        organisationId: organisation.id,
        rightsOpenedOn: opened,
        firstMetAt: new Date(`${addDays(opened, delay)}T10:00:00Z`),
        status: 'rdv_honore',
      });
    }
    const page = await t.app.inject({ url: `/statistiques/rsa/${small.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;\u00a05 personnes dont les droits au RSA ont ouvert');
    expect(page.body).toContain('Moins de 5 personnes : ce chiffre n’est pas publié');
    expect(page.body).not.toContain('8\u00a0jours');
    expect(page.body).toContain('<td>&lt;\u00a05</td><td>&lt;\u00a05</td><td>0</td><td>non publié</td>');
    const delayChart = page.body.slice(page.body.indexOf('id="graphique-delai-titre"'));
    expect(delayChart.slice(0, delayChart.indexOf('</svg>'))).not.toContain('<rect');
  });

  it('keeps a signed-in agent’s copy of the public page private, and knows no unknown territory', async () => {
    const { cookie } = await agentOf(organisationA.id);
    const signedIn = await t.app.inject({ url: `/statistiques/rsa/${territory.slug}`, headers: { cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const unknown = await t.app.inject({ url: '/statistiques/rsa/nulle-part' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).not.toContain('public');
  });

  it('publishes the module’s indicators on /api/v1/indicators', async () => {
    const response = await t.app.inject({
      url: `/api/v1/indicators?territoire=${territory.slug}&module=rsa`,
    });
    expect(response.statusCode).toBe(200);
    const values = Object.fromEntries(
      response
        .json()
        .indicators.map((i: { key: string; value: number | null; masked: boolean }) => [
          i.key,
          [i.value, i.masked],
        ]),
    );
    expect(values).toEqual({
      'rsa.delai_median_premier_rdv': [9, false],
      'rsa.delai_moyen_premier_rdv': [9, false],
      'rsa.part_recus_30_jours': [100, false],
      'rsa.absences_apres_invitation': [null, false],
      'rsa.part_rdv_pris_par_la_personne': [null, false],
    });
  });
});
