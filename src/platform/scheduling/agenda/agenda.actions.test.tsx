import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, get, organisationWithStaff } from '../../tenancy/testing.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { appointmentParticipants, appointments, participationStatusChanges } from '../tables.ts';
import { newAppointment, newAppointmentType, newCitizen, newOpeningSlot, newPlace } from '../testing.ts';
import { addDays, localDayOf, localInstant } from './week-grid.ts';

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

/** The flash message of the page a redirect leads to. */
async function follow(t: TestContext, location: string | undefined, cookie: string) {
  expect(location).toBeDefined();
  return get(t, location!, cookie);
}

describe('agenda commands', () => {
  let t: TestContext;
  let a: Staffed;
  let b: Staffed;
  const db = () => t.platform.database.db;
  const today = localDayOf(new Date());
  const inTwoDays = addDays(today, 2);
  let typeId: string;
  let collectiveTypeId: string;
  let placeId: string;
  let citizenId: string;
  const common = () => ({
    organisationId: a.organisation.id,
    appointmentTypeId: typeId,
    agentId: a.agent.id,
    placeId,
  });

  const statusOf = async (participantId: string) =>
    (
      await db().select().from(appointmentParticipants).where(eq(appointmentParticipants.id, participantId))
    )[0]!.status;

  beforeAll(async () => {
    t = await startTestApp();
    a = await organisationWithStaff(db());
    b = await organisationWithStaff(db());
    const organisationId = a.organisation.id;
    placeId = (await newPlace(db(), { organisationId, name: 'Antenne du port' })).id;
    typeId = (await newAppointmentType(db(), { organisationId, name: 'Accueil social', durationMinutes: 30 }))
      .id;
    collectiveTypeId = (
      await newAppointmentType(db(), {
        organisationId,
        name: 'Atelier numérique',
        collective: true,
        capacity: 8,
      })
    ).id;
    await newOpeningSlot(db(), {
      organisationId,
      agentId: a.agent.id,
      placeId,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '08:00',
      endTime: '18:00',
      openOnHolidays: true,
      appointmentTypeIds: [typeId, collectiveTypeId],
    });
    citizenId = (
      await newCitizen(db(), {
        organisationId,
        firstName: 'Lucas',
        lastName: 'Bernard',
        phone: '+33622334455',
      })
    ).id;
  });
  afterAll(() => t.close());

  it('marks a started appointment « vu » from the day list, and records who did it', async () => {
    const startsAt = new Date(Date.now() - 60 * 60_000);
    const { participant } = await newAppointment(db(), { ...common(), startsAt, citizenId });
    const day = localDayOf(startsAt);
    const page = `/rendez-vous/jour?du=${day}&agent=${a.agent.id}`;
    const { response, cookie } = await submitForm(t.app, {
      page,
      action: `/rendez-vous/rdv/${participant!.id}/statut`,
      fields: { statut: 'vu', retour: page },
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(page);
    expect(await statusOf(participant!.id)).toBe('vu');
    const [change] = await db()
      .select()
      .from(participationStatusChanges)
      .where(
        and(
          eq(participationStatusChanges.participantId, participant!.id),
          eq(participationStatusChanges.toStatus, 'vu'),
        ),
      );
    expect(change).toMatchObject({ fromStatus: 'a_venir', changedBy: 'agent', changedByAgentId: a.agent.id });
    const after = await follow(t, response.headers.location, cookie);
    expect(after.body).toContain('Statut du rendez-vous de Lucas Bernard : Vu.');
    const detail = await get(t, `/rendez-vous/rdv/${participant!.id}`, a.agent.cookie);
    expect(detail.body).toMatch(/<strong>Vu<\/strong> \(avant : À venir\)/);
  });

  it('refuses « vu » before the appointment starts, with the rule in French', async () => {
    const { participant } = await newAppointment(db(), {
      ...common(),
      startsAt: localInstant(inTwoDays, 17),
      citizenId,
    });
    const { response, cookie } = await submitForm(t.app, {
      page: `/rendez-vous/rdv/${participant!.id}`,
      action: `/rendez-vous/rdv/${participant!.id}/statut`,
      fields: { statut: 'vu' },
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    expect(await statusOf(participant!.id)).toBe('a_venir');
    const after = await follow(t, response.headers.location, cookie);
    expect(after.body).toContain('qu’une fois commencé');
  });

  it('cancels an appointment from its page', async () => {
    const { participant } = await newAppointment(db(), {
      ...common(),
      startsAt: localInstant(inTwoDays, 16),
      citizenId,
    });
    const { response } = await submitForm(t.app, {
      page: `/rendez-vous/rdv/${participant!.id}`,
      action: `/rendez-vous/rdv/${participant!.id}/annulation`,
      fields: {},
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    expect(await statusOf(participant!.id)).toBe('annule');
  });

  it('refuses status changes to read-only members and to other organisations', async () => {
    const { participant } = await newAppointment(db(), {
      ...common(),
      startsAt: new Date(Date.now() - 30 * 60_000),
      citizenId,
    });
    const readonly = await submitForm(t.app, {
      page: `/rendez-vous/rdv/${participant!.id}`,
      action: `/rendez-vous/rdv/${participant!.id}/statut`,
      fields: { statut: 'vu' },
      cookie: a.readonly.cookie,
    });
    expect(readonly.response.statusCode).toBe(403);
    const stranger = await submitForm(t.app, {
      page: '/rendez-vous',
      action: `/rendez-vous/rdv/${participant!.id}/statut`,
      fields: { statut: 'vu' },
      cookie: b.admin.cookie,
    });
    expect(stranger.response.statusCode).toBe(404);
    expect(await statusOf(participant!.id)).toBe('a_venir');
    expect(await auditTrail(db(), { action: 'denied', resourceId: participant!.id })).toHaveLength(1);
  });

  it('books for a person: search, type, free slots, confirmation', async () => {
    const search = await get(t, '/rendez-vous/prendre?q=bern', a.agent.cookie);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`href="/rendez-vous/prendre?usager=${citizenId}"`);
    const slots = await get(
      t,
      `/rendez-vous/prendre?usager=${citizenId}&motif=${typeId}&du=${inTwoDays}`,
      a.agent.cookie,
    );
    expect(slots.statusCode).toBe(200);
    expect(slots.body).toContain('Antenne du port');
    const first = /name="debut" value="([^"]+)"/.exec(slots.body)?.[1];
    expect(first).toBe(localInstant(inTwoDays, 8).toISOString());
    const confirm = `/rendez-vous/prendre/confirmer?usager=${citizenId}&motif=${typeId}&lieu=${placeId}&debut=${encodeURIComponent(first!)}`;
    const { response } = await submitForm(t.app, {
      page: confirm,
      action: '/rendez-vous/prendre/confirmer',
      fields: { usager: citizenId, motif: typeId, lieu: placeId, debut: first! },
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    const participantId = /\/rendez-vous\/rdv\/([0-9a-f-]+)$/.exec(response.headers.location as string)?.[1];
    expect(participantId).toBeDefined();
    const [row] = await db()
      .select({
        via: appointmentParticipants.bookedVia,
        by: appointmentParticipants.bookedByAgentId,
        startsAt: appointments.startsAt,
      })
      .from(appointmentParticipants)
      .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
      .where(eq(appointmentParticipants.id, participantId!));
    expect(row).toMatchObject({ via: 'agent', by: a.agent.id });
    expect(row!.startsAt.toISOString()).toBe(first);

    // The same slot again, for someone else: taken, with the next ones.
    const other = await newCitizen(db(), { organisationId: a.organisation.id, lastName: 'Suivant' });
    const again = await submitForm(t.app, {
      page: confirm.replace(citizenId, other.id),
      action: '/rendez-vous/prendre/confirmer',
      fields: { usager: other.id, motif: typeId, lieu: placeId, debut: first!, agent: a.agent.id },
      cookie: a.agent.cookie,
    });
    expect(again.response.statusCode).toBe(409);
    expect(again.response.body).toContain('Ce créneau vient d’être pris');
    expect(again.response.body).toContain(
      `debut=${encodeURIComponent(localInstant(inTwoDays, 8, 30).toISOString())}`,
    );
  });

  it('records a new person, then offers their booking', async () => {
    const { response } = await submitForm(t.app, {
      page: '/rendez-vous/prendre',
      action: '/rendez-vous/prendre/usager',
      fields: { firstName: 'Nadia', lastName: 'Haddad', phone: '06 98 76 54 32', email: '', communeCode: '' },
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/rendez-vous\/prendre\?usager=[0-9a-f-]+$/);
    const page = await get(t, response.headers.location as string, a.agent.cookie);
    expect(page.body).toContain('Nadia Haddad');
    expect(page.body).toContain('06 98 76 54 32');
    const bad = await submitForm(t.app, {
      page: '/rendez-vous/prendre',
      action: '/rendez-vous/prendre/usager',
      fields: { firstName: '', lastName: 'Sans Prénom', phone: '01 23', email: '' },
      cookie: a.agent.cookie,
    });
    expect(bad.response.statusCode).toBe(400);
    expect(bad.response.body).toContain('Saisissez le prénom.');
    expect(bad.response.body).toContain('value="Sans Prénom"');
  });

  it('moves an appointment to another free slot', async () => {
    const { participant } = await newAppointment(db(), {
      ...common(),
      startsAt: localInstant(inTwoDays, 15),
      citizenId,
    });
    const page = await get(
      t,
      `/rendez-vous/rdv/${participant!.id}/deplacer?du=${addDays(inTwoDays, 1)}`,
      a.agent.cookie,
    );
    expect(page.statusCode).toBe(200);
    const target = localInstant(addDays(inTwoDays, 1), 10);
    expect(page.body).toContain(`value="${target.toISOString()}"`);
    const { response } = await submitForm(t.app, {
      page: `/rendez-vous/rdv/${participant!.id}/deplacer/confirmer?lieu=${placeId}&debut=${encodeURIComponent(target.toISOString())}`,
      action: `/rendez-vous/rdv/${participant!.id}/deplacer/confirmer`,
      fields: { lieu: placeId, debut: target.toISOString() },
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    const [moved] = await db()
      .select({ startsAt: appointments.startsAt })
      .from(appointmentParticipants)
      .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
      .where(eq(appointmentParticipants.id, participant!.id));
    expect(moved!.startsAt.toISOString()).toBe(target.toISOString());
  });

  it('opens a collective session and lists it with its seats', async () => {
    const day = addDays(inTwoDays, 3);
    const booking = `/rendez-vous/prendre?usager=${citizenId}&motif=${collectiveTypeId}`;
    const { response } = await submitForm(t.app, {
      page: booking,
      action: '/rendez-vous/prendre/seance',
      fields: {
        usager: citizenId,
        motif: collectiveTypeId,
        agent: a.agent.id,
        lieu: placeId,
        jour: day,
        heure: '14:00',
        places: '',
      },
      cookie: a.agent.cookie,
    });
    expect(response.statusCode).toBe(303);
    const page = await get(t, response.headers.location as string, a.agent.cookie);
    expect(page.body).toContain(`value="${localInstant(day, 14).toISOString()}"`);
    expect(page.body).toContain('8 places libres');
    const bad = await submitForm(t.app, {
      page: booking,
      action: '/rendez-vous/prendre/seance',
      fields: {
        usager: citizenId,
        motif: collectiveTypeId,
        agent: a.agent.id,
        lieu: placeId,
        jour: day,
        heure: '25:00',
      },
      cookie: a.agent.cookie,
    });
    expect(bad.response.statusCode).toBe(400);
    expect(bad.response.body).toContain('Saisissez l’heure au format HH:MM');
  });

  it('finds people by name or phone and shows a person’s appointments, audited', async () => {
    const byPhone = await get(t, '/rendez-vous/usagers?q=06%2022%2033%2044%2055', a.agent.cookie);
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.body).toContain(`href="/rendez-vous/usagers/${citizenId}"`);
    const person = await get(t, `/rendez-vous/usagers/${citizenId}`, a.readonly.cookie);
    expect(person.statusCode).toBe(200);
    expect(person.body).toContain('Lucas Bernard');
    expect(person.body).toContain('Rendez-vous à venir');
    expect(person.body).toContain('Accueil social');
    expect(person.body).not.toContain('Prendre un rendez-vous pour cette personne');
    const reads = await auditTrail(db(), { action: 'read', resourceType: 'citizen', resourceId: citizenId });
    expect(reads.map((r) => r.actorId)).toContain(a.readonly.id);
    const elsewhere = await get(t, `/rendez-vous/usagers/${citizenId}`, b.agent.cookie);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('Bernard');
    expect(
      await auditTrail(db(), { action: 'denied', resourceType: 'citizen', resourceId: citizenId }),
    ).toHaveLength(1);
    const search = await get(t, '/rendez-vous/usagers?q=bernard', b.agent.cookie);
    expect(search.body).not.toContain(citizenId);
  });
});
