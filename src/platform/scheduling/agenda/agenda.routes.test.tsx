import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, get, organisationWithStaff, signedInOperator } from '../../tenancy/testing.ts';
import { newAgent, signInAs } from '../../testing/factories.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import {
  newAbsence,
  newAppointment,
  newAppointmentType,
  newCitizen,
  newOpeningSlot,
  newPlace,
} from '../testing.ts';
import { localDayOf, localInstant } from './week-grid.ts';

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

describe('agenda pages', () => {
  let t: TestContext;
  let a: Staffed;
  let b: Staffed;
  const db = () => t.platform.database.db;
  const today = localDayOf(new Date());
  let participantToday: string;
  let participantDst: string;
  let participantElsewhere: string;
  let citizenId: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await organisationWithStaff(db());
    b = await organisationWithStaff(db());
    const organisationId = a.organisation.id;
    const place = await newPlace(db(), { organisationId, name: 'Maison des solidarités' });
    const type = await newAppointmentType(db(), { organisationId, name: 'Premier accueil' });
    await newOpeningSlot(db(), {
      organisationId,
      agentId: a.agent.id,
      placeId: place.id,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '09:00',
      endTime: '12:00',
      firstDay: '2027-01-01',
      lastDay: '2027-12-31',
      openOnHolidays: true,
      appointmentTypeIds: [type.id],
    });
    await newAbsence(db(), {
      organisationId,
      agentId: a.agent.id,
      title: 'Formation',
      firstDay: '2027-03-31',
      lastDay: '2027-03-31',
      startTime: '14:00',
      endTime: '17:00',
    });
    const citizen = await newCitizen(db(), {
      organisationId,
      firstName: 'Inès',
      lastName: 'Morel',
      phone: '+33611223344',
    });
    citizenId = citizen.id;
    const common = {
      organisationId,
      appointmentTypeId: type.id,
      agentId: a.agent.id,
      placeId: place.id,
      citizenId,
    };
    participantToday = (await newAppointment(db(), { ...common, startsAt: localInstant(today, 12, 15) }))
      .participant!.id;
    // Sunday 28 March 2027, 09:30 in Paris (07:30 UTC, the first morning of summer time).
    participantDst = (await newAppointment(db(), { ...common, startsAt: new Date('2027-03-28T07:30:00Z') }))
      .participant!.id;
    const otherType = await newAppointmentType(db(), { organisationId: b.organisation.id });
    const stranger = await newCitizen(db(), { organisationId: b.organisation.id, lastName: 'Étranger' });
    participantElsewhere = (
      await newAppointment(db(), {
        organisationId: b.organisation.id,
        appointmentTypeId: otherType.id,
        agentId: b.agent.id,
        startsAt: localInstant(today, 10),
        citizenId: stranger.id,
      })
    ).participant!.id;
  });
  afterAll(() => t.close());

  it('opens on the agent’s day, with links to the rest of the agenda', async () => {
    const page = await get(t, '/rendez-vous', a.agent.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(a.organisation.name);
    expect(page.body).toContain('MOREL Inès'.replace('MOREL', 'Morel'));
    expect(page.body).toContain('Premier accueil');
    expect(page.body).toContain(`href="/rendez-vous/rdv/${participantToday}"`);
    for (const path of [
      '/rendez-vous/prendre',
      '/rendez-vous/usagers',
      '/rendez-vous/parametres',
      '/rendez-vous/statistiques',
      '/rendez-vous/agenda-prive',
      '/rendez-vous/webhooks',
    ]) {
      expect(page.body).toContain(`href="${path}"`);
    }
    expect(page.body).toMatch(
      /<a class="fr-nav__link" href="\/rendez-vous" aria-current="page">Rendez-vous<\/a>/,
    );
  });

  it('lists a day with the person, type, place, status and status buttons', async () => {
    const page = await get(t, `/rendez-vous/jour?du=2027-03-28&agent=${a.agent.id}`, a.agent.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rendez-vous du dimanche 28 mars 2027');
    expect(page.body).toContain('09:30–10:00');
    expect(page.body).toContain('Morel Inès');
    expect(page.body).toContain('Maison des solidarités');
    expect(page.body).toContain('À venir');
    expect(page.body).toContain(`action="/rendez-vous/rdv/${participantDst}/statut"`);
    expect(page.body).toMatch(/value="vu"[^>]*>\s*Vu/);
  });

  it('shows read-only members the agenda without the buttons', async () => {
    const page = await get(t, '/rendez-vous/jour?du=2027-03-28', a.readonly.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Morel Inès');
    expect(page.body).not.toContain('/statut"');
    expect(page.body).not.toContain('href="/rendez-vous/prendre"');
  });

  it('draws the week of the spring change as a table and as a list per day', async () => {
    const page = await get(t, `/rendez-vous/semaine?agent=${a.agent.id}&du=2027-03-25`, a.agent.cookie);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Semaine du lundi 22 mars 2027');
    expect(body).toMatch(/<caption>Semaine du lundi 22 mars 2027 au dimanche 28 mars 2027/);
    expect(body).toContain('<th scope="row">09:00</th>');
    expect(body).toContain('Ouvert 09:00–12:00 · Maison des solidarités');
    // The appointment sits in the 09:00 row of Sunday, in local time, and links to its page.
    expect(body).toContain(`href="/rendez-vous/rdv/${participantDst}"`);
    const table = body.slice(body.indexOf('<table'), body.indexOf('</table>'));
    const nineRow = table.slice(
      table.indexOf('<th scope="row">09:00</th>'),
      table.indexOf('<th scope="row">10:00</th>'),
    );
    expect(nineRow).toContain(participantDst);
    expect(body).toContain('dimanche 28 mars 2027');
    expect(body).toContain('href="/rendez-vous/semaine?agent=');
    expect(body).toContain('du=2027-03-15');
    expect(body).toContain('du=2027-03-29');
  });

  it('shows absences on the agent’s week and the agents’ week at a place', async () => {
    const agentWeek = await get(t, `/rendez-vous/semaine?agent=${a.agent.id}&du=2027-03-31`, a.agent.cookie);
    expect(agentWeek.body).toContain('Absent : Formation');
    const places = await get(t, '/rendez-vous', a.agent.cookie);
    const placeId = /href="\/rendez-vous\/semaine\?lieu=([0-9a-f-]+)"/.exec(places.body)?.[1];
    expect(placeId).toBeDefined();
    const placeWeek = await get(t, `/rendez-vous/semaine?lieu=${placeId}&du=2027-03-31`, a.agent.cookie);
    expect(placeWeek.statusCode).toBe(200);
    expect(placeWeek.body).toContain('Lieu : Maison des solidarités');
    expect(placeWeek.body).toContain('absent : Formation');
  });

  it('shows an appointment with the person’s contact and history, and audits the read', async () => {
    const page = await get(t, `/rendez-vous/rdv/${participantToday}`, a.agent.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rendez-vous de Inès Morel');
    expect(page.body).toContain('<a href="tel:+33611223344">06 11 22 33 44</a>');
    expect(page.body).toContain(`href="/rendez-vous/usagers/${citizenId}"`);
    expect(page.body).toContain('Historique du statut');
    const reads = await auditTrail(db(), { action: 'read', resourceId: participantToday });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorId: a.agent.id, resourceType: 'appointment_participant' });
  });

  it('answers « not found » for another organisation’s appointment, and audits it', async () => {
    const page = await get(t, `/rendez-vous/rdv/${participantElsewhere}`, a.admin.cookie);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Étranger');
    const denied = await auditTrail(db(), { action: 'denied', resourceId: participantElsewhere });
    expect(denied).toHaveLength(1);
    expect((await get(t, '/rendez-vous/rdv/pas-un-id', a.agent.cookie)).statusCode).toBe(404);
  });

  it('refuses another organisation’s agenda, agent or place', async () => {
    expect(
      (await get(t, `/rendez-vous?organisation=${b.organisation.slug}`, a.agent.cookie)).statusCode,
    ).toBe(404);
    expect((await get(t, `/rendez-vous/semaine?agent=${b.agent.id}`, a.agent.cookie)).statusCode).toBe(404);
    expect((await get(t, `/rendez-vous/jour?agent=${b.agent.id}`, a.agent.cookie)).statusCode).toBe(404);
    const page = await get(t, '/rendez-vous/jour', b.agent.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Morel');
  });

  it('opens another organisation of the agent’s own in its agenda', async () => {
    const both = await newAgent(db(), {
      memberships: [
        { organisationId: a.organisation.id, role: 'agent' },
        { organisationId: b.organisation.id, role: 'readonly' },
      ],
    });
    const cookie = await signInAs(db(), both.id);
    const answers = await Promise.all(
      [participantToday, participantElsewhere].map((id) => get(t, `/rendez-vous/rdv/${id}`, cookie)),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 303]);
    const redirected = answers.find((r) => r.statusCode === 303)!;
    const slug = [a.organisation.slug, b.organisation.slug].find((s) =>
      String(redirected.headers.location).endsWith(`?organisation=${s}`),
    );
    expect(slug).toBeDefined();
    const page = await get(t, String(redirected.headers.location), cookie);
    expect(page.statusCode).toBe(200);
  });

  it('lets an operator choose which organisation’s agenda to open', async () => {
    const operator = await signedInOperator(db());
    const page = await get(t, '/rendez-vous', operator.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/rendez-vous?organisation=${a.organisation.slug}"`);
    const agenda = await get(t, `/rendez-vous?organisation=${a.organisation.slug}`, operator.cookie);
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).toContain(
      `href="/rendez-vous/semaine?organisation=${a.organisation.slug}&amp;agent=`,
    );
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    const page = await get(t, '/rendez-vous/jour');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/connexion?suite=%2Frendez-vous%2Fjour');
  });
});
