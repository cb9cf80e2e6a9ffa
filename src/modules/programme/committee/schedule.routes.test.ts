import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../../platform/scheduling/slots/calendar.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { committeeItems, committeeMembers, committees } from '../tables.ts';
import { longDay } from './format.ts';
import { cohortCommitteesPath, committeeEditPath, committeePath } from './paths.ts';
import { agendaField } from './schemas.ts';
import { type CommitteeWorld, committeeWorld } from './testing.ts';

describe('scheduling a committee: date in Paris, members by email, ordered agenda, D-7 shown', () => {
  let t: TestContext;
  let w: CommitteeWorld;
  const db = () => t.platform.database.db;
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const day = addDays(localDay(new Date()), 20);

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule]);
    w = await committeeWorld(db());
  });
  afterAll(() => t.close());

  const fields = (overrides: Record<string, string> = {}) => ({
    titre: 'Comité de fin d’investigation',
    jour: day,
    heure: '09:30',
    lieu: 'Hôtel du Département, Toulon',
    membres: `${w.nina.email}\n${w.varColleague.email.toUpperCase()}`,
    [agendaField(w.partage.id)]: '1',
    [agendaField(w.accueil.id)]: '2',
    ...overrides,
  });

  it('lets the staff schedule one, refusing unknown addresses with the values kept', async () => {
    const list = cohortCommitteesPath(w.cohort.slug);
    const refused = await submitForm(t.app, {
      page: list,
      fields: fields({ membres: `${w.nina.email}\npersonne@inconnu.fr` }),
      cookie: w.incubatorAdmin.cookie,
    });
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body).toContain('Aucun agent actif n’a l’adresse personne@inconnu.fr');
    expect(refused.response.body).toContain('Hôtel du Département, Toulon');
    expect(await db().select().from(committees)).toHaveLength(0);

    const { response } = await submitForm(t.app, {
      page: list,
      fields: fields(),
      cookie: w.incubatorAdmin.cookie,
    });
    expect(response.statusCode).toBe(303);
    const [committee] = await db().select().from(committees);
    expect(response.headers.location).toBe(committeePath(committee!.id));
    // 09:30 in Paris, whatever the season.
    expect(localDay(committee!.meetsAt)).toBe(day);
    expect(
      new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
        committee!.meetsAt,
      ),
    ).toBe('09:30');
    const items = await db()
      .select()
      .from(committeeItems)
      .where(eq(committeeItems.committeeId, committee!.id))
      .orderBy(committeeItems.position);
    expect(items.map((i) => i.projectId)).toEqual([w.partage.id, w.accueil.id]);
    expect(await db().select().from(committeeMembers)).toHaveLength(2);

    const page = await get(committeePath(committee!.id), w.incubatorAdmin.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(longDay(addDays(day, -7)));
    expect(page.body.indexOf('Pau Partage')).toBeLessThan(page.body.indexOf('Accueil téléphonique'));
    // Victor is on the team of « Accueil téléphonique »: the page says he does not vote on it.
    expect(page.body).toContain('en conflit d’intérêts : ne vote pas');

    const listPage = await get(list, w.incubatorAdmin.cookie);
    expect(listPage.body).toContain('Comité de fin d’investigation');
    expect(listPage.body).toContain(longDay(addDays(day, -7)));
  });

  it('shows each committee to those it concerns, and 404 to others', async () => {
    const list = cohortCommitteesPath(w.cohort.slug);
    // A team member sees it in the list, without the scheduling form.
    const team = await get(list, w.bruno.cookie);
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain('Comité de fin d’investigation');
    expect(team.body).not.toContain('Programmer le comité');
    // A partner agent with no project on the agenda sees the cohort, not the committee.
    const partner = await get(list, w.pauAgent.cookie);
    expect(partner.statusCode).toBe(200);
    expect(partner.body).not.toContain('Comité de fin d’investigation');
    expect((await get(list, w.outsider.cookie)).statusCode).toBe(404);

    const [committee] = await db().select().from(committees);
    expect((await get(committeePath(committee!.id), w.outsider.cookie)).statusCode).toBe(404);
    expect((await get(committeePath(committee!.id), w.pauAgent.cookie)).statusCode).toBe(404);
    // A partner who cannot schedule is refused (they see the cohort).
    const refused = await submitForm(t.app, { page: list, fields: fields(), cookie: w.pauAgent.cookie });
    expect(refused.response.statusCode).toBe(403);
  });

  it('lets the staff change the date, the members and the agenda; others get 404 on the form', async () => {
    const [committee] = await db().select().from(committees);
    const edit = committeeEditPath(committee!.id);
    expect((await get(edit, w.nina.cookie)).statusCode).toBe(404);
    const form = await get(edit, w.incubatorAdmin.cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(w.nina.email);

    const { response } = await submitForm(t.app, {
      page: edit,
      fields: fields({
        heure: '14:00',
        membres: `${w.nina.email}\n${w.varColleague.email}\n${w.pauAgent.email}\n${w.marc.email}\n${w.incubatorAgent.email}`,
        [agendaField(w.partage.id)]: '2',
        [agendaField(w.accueil.id)]: '1',
      }),
      cookie: w.incubatorAdmin.cookie,
    });
    expect(response.statusCode).toBe(303);
    const items = await db()
      .select()
      .from(committeeItems)
      .where(eq(committeeItems.committeeId, committee!.id))
      .orderBy(committeeItems.position);
    expect(items.map((i) => i.projectId)).toEqual([w.accueil.id, w.partage.id]);
    expect(await db().select().from(committeeMembers)).toHaveLength(5);
  });
});
