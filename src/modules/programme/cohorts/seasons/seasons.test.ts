import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { auditTrail, fieldError, get } from '../../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../../platform/testing/forms.ts';
import type { TestContext } from '../../../../platform/testing/harness.ts';
import { coaches, cohorts, cohortTerritories } from '../../tables.ts';
import type { ProgrammeWorld } from '../../testing.ts';
import { paths } from '../paths.ts';
import { locationOf, startProgramme, submitEntries } from '../testing.ts';

describe('seasons: creation, page and changes', () => {
  let t: TestContext;
  let w: ProgrammeWorld;
  let db: Db;
  const fields = () => ({
    nom: 'Saison 2027 Var et Pau',
    slug: '',
    description: 'Trois mois pour instruire vos problèmes de terrain.',
    incubateur: w.incubator.id,
    debut: '2027-02-01',
    fin: '2027-06-30',
    territoires: w.varTerritory.id,
    coachs: w.incubatorAgent.id,
    autres_coachs: w.pauAgent.email.toUpperCase(),
    jours_par_semaine: '0,5',
    semaines: '12',
  });

  beforeAll(async () => {
    ({ t, w, db } = await startProgramme());
  });
  afterAll(async () => t?.close());

  it('offers the form to incubator admins with the defaults of 1 day a week for 12 weeks', async () => {
    const page = await get(t, paths.newSeason, w.incubatorAdmin.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/name="jours_par_semaine"[^>]* value="1"/);
    expect(page.body).toMatch(/name="semaines"[^>]* value="12"/);
    expect(page.body).toContain(w.varTerritory.name);
    expect(page.body).toContain(w.incubatorAgent.email);
    for (const other of [w.incubatorAgent, w.varAgent, w.outsider])
      expect((await get(t, paths.newSeason, other.cookie)).statusCode).toBe(403);
  });

  it('refuses bad input field by field, keeping the values and writing nothing', async () => {
    const before = await db.select().from(cohorts);
    const { response } = await submitForm(t.app, {
      page: paths.newSeason,
      cookie: w.incubatorAdmin.cookie,
      fields: {
        ...fields(),
        nom: '',
        fin: '2027-01-01',
        territoires: '',
        jours_par_semaine: '6',
        slug: 'Pas Bon',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'nom')).toContain('Donnez un nom');
    expect(fieldError(response.body, 'slug')).toContain('lettres minuscules');
    expect(response.body).toContain('Cochez au moins une collectivité partenaire.');
    expect(fieldError(response.body, 'jours_par_semaine')).toContain('Entre 0,5 et 5');
    expect(response.body).toContain('Trois mois pour instruire');
    const unknown = await submitForm(t.app, {
      page: paths.newSeason,
      cookie: w.incubatorAdmin.cookie,
      fields: { ...fields(), autres_coachs: 'personne@exemple.fr' },
    });
    expect(unknown.response.statusCode).toBe(400);
    expect(fieldError(unknown.response.body, 'autres_coachs')).toContain('personne@exemple.fr');
    const dates = await submitForm(t.app, {
      page: paths.newSeason,
      cookie: w.incubatorAdmin.cookie,
      fields: { ...fields(), fin: '2027-01-01' },
    });
    expect(fieldError(dates.response.body, 'fin')).toBe('La fin doit être le jour du début ou après.');
    expect(await db.select().from(cohorts)).toHaveLength(before.length);
  });

  it('creates the season with its partners and coaches (ticked or by address), audited', async () => {
    const { response } = await submitForm(t.app, {
      page: paths.newSeason,
      cookie: w.incubatorAdmin.cookie,
      fields: fields(),
    });
    expect(response.statusCode).toBe(303);
    expect(locationOf(response)).toBe(paths.season('saison-2027-var-et-pau'));
    const [cohort] = await db.select().from(cohorts).where(eq(cohorts.slug, 'saison-2027-var-et-pau'));
    expect(cohort).toMatchObject({
      detachmentDaysPerWeek: '0.5',
      detachmentWeeks: 12,
      startsOn: '2027-02-01',
    });
    const partners = await db
      .select()
      .from(cohortTerritories)
      .where(eq(cohortTerritories.cohortId, cohort!.id));
    expect(partners.map((p) => p.territoryId)).toEqual([w.varTerritory.id]);
    const coachRows = await db.select().from(coaches).where(eq(coaches.cohortId, cohort!.id));
    expect(coachRows.map((c) => c.agentId).sort()).toEqual([w.incubatorAgent.id, w.pauAgent.id].sort());
    const [audit] = await auditTrail(db, { resourceType: 'programme_cohort', resourceId: cohort!.id });
    expect(audit?.action).toBe('create');

    const page = await get(t, paths.season('saison-2027-var-et-pau'), w.varAgent.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(w.varTerritory.name);
    expect(page.body).toContain(w.pauAgent.email);
    expect(page.body).toContain(paths.seasonProjects('saison-2027-var-et-pau'));
    expect(page.body).not.toContain('Modifier la saison');
    // Pau is no partner of this one: its agents do not see it, but its coach from Pau does.
    expect((await get(t, paths.season('saison-2027-var-et-pau'), w.outsider.cookie)).statusCode).toBe(404);
    expect((await get(t, paths.season('saison-2027-var-et-pau'), w.pauAgent.cookie)).statusCode).toBe(200);

    const taken = await submitForm(t.app, {
      page: paths.newSeason,
      cookie: w.incubatorAdmin.cookie,
      fields: { ...fields(), slug: 'saison-2027-var-et-pau' },
    });
    expect(fieldError(taken.response.body, 'slug')).toBe(
      'Cette adresse est déjà prise : choisissez-en une autre.',
    );
  });

  it('is changed by the incubator’s admins only', async () => {
    const slug = w.cohort.slug;
    expect((await get(t, paths.editSeason(slug), w.incubatorAgent.cookie)).statusCode).toBe(403);
    expect((await get(t, paths.editSeason(slug), w.outsider.cookie)).statusCode).toBe(404);
    const form = await get(t, paths.editSeason(slug), w.incubatorAdmin.cookie);
    expect(form.statusCode).toBe(200);
    // The cohort's coach from outside the incubator stays ticked.
    expect(form.body).toContain(`value="${w.coach.id}" checked`);
    const changed = {
      ...fields(),
      nom: 'Saison de test renommée',
      slug,
      coachs: w.coach.id,
      autres_coachs: '',
      jours_par_semaine: '1',
    };
    const response = await submitEntries(t.app, {
      page: paths.editSeason(slug),
      cookie: w.incubatorAdmin.cookie,
      entries: [
        ...Object.entries(changed).filter(([k]) => k !== 'territoires'),
        ['territoires', w.varTerritory.id],
        ['territoires', w.pauTerritory.id],
      ],
    });
    expect(response.statusCode).toBe(303);
    const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, w.cohort.id));
    expect(cohort?.name).toBe('Saison de test renommée');
    const coachRows = await db.select().from(coaches).where(eq(coaches.cohortId, w.cohort.id));
    expect(coachRows.map((c) => c.agentId)).toEqual([w.coach.id]);
    const partners = await db
      .select()
      .from(cohortTerritories)
      .where(eq(cohortTerritories.cohortId, w.cohort.id));
    expect(partners).toHaveLength(2);
  });
});
