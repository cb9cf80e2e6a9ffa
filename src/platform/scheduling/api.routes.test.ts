import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../api/api-token.service.ts';
import { systemActor } from '../audit/audit.ts';
import { auditEvents } from '../audit/tables.ts';
import type { Db } from '../db/client.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { addDays, localDay, localInstant } from './slots/calendar.ts';
import { newAppointment, newBookableSetup, newCitizen } from './testing.ts';

/**
 * /api/v1 of the booking engine over HTTP, with a real token. The API books at the real current
 * time, so the slots used are a week ahead (opening slots every day 08:00–18:00 local).
 */
const inAWeek = addDays(localDay(new Date()), 7);
const at = (hour: number, minute = 0, day = inAWeek) => new Date(localInstant(day, hour * 60 + minute));

describe('/api/v1 appointments', () => {
  let t: TestContext;
  let db: Db;
  let setup: Awaited<ReturnType<typeof newBookableSetup>>;
  let token: string;
  let otherToken: string;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, bearer = token) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    setup = await newBookableSetup(db, { type: { name: 'Premier rendez-vous RSA', bufferMinutes: 5 } });
    ({ token } = await createApiToken(
      db,
      { organisation: setup.organisation, name: 'Logiciel RSA', createdBy: null },
      systemActor,
    ));
    const other = await newBookableSetup(db);
    ({ token: otherToken } = await createApiToken(
      db,
      { organisation: other.organisation, name: 'Autre', createdBy: null },
      systemActor,
    ));
  });
  afterAll(() => t.close());

  it('lists the token organisation’s appointment types', async () => {
    const response = await call('GET', '/api/v1/appointment-types');
    expect(response.statusCode).toBe(200);
    expect(response.json().appointmentTypes).toEqual([
      expect.objectContaining({ id: setup.type.id, name: 'Premier rendez-vous RSA', durationMinutes: 30 }),
    ]);
    expect((await call('GET', '/api/v1/appointment-types', undefined, 'trp_bad')).statusCode).toBe(401);
  });

  it('gives slots by place and day, at most 31 days, of its own types only', async () => {
    const query = `appointmentType=${setup.type.id}&from=${inAWeek}&to=${inAWeek}`;
    const response = await call('GET', `/api/v1/slots?${query}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.searched).toEqual({ from: inAWeek, to: inAWeek });
    expect(body.places[0].place.id).toBe(setup.place.id);
    const slots = body.places[0].days[0].slots;
    expect(slots[0]).toEqual({
      startsAt: at(8).toISOString(),
      endsAt: at(8, 30).toISOString(),
      agentIds: [setup.agent.id],
    });
    const tooLong = await call(
      'GET',
      `/api/v1/slots?appointmentType=${setup.type.id}&from=${inAWeek}&to=${addDays(inAWeek, 31)}`,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().fields['querystring.to']).toMatch(/31 jours au plus/);
    const badDay = await call(
      'GET',
      `/api/v1/slots?appointmentType=${setup.type.id}&from=demain&to=${inAWeek}`,
    );
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().fields).toHaveProperty('querystring.from');
    expect((await call('GET', `/api/v1/slots?${query}`, undefined, otherToken)).statusCode).toBe(404);
  });

  it('books: 201 with the appointment, then 409 with the next slots for the same time', async () => {
    const body = {
      appointmentTypeId: setup.type.id,
      startsAt: at(9).toISOString(),
      placeId: setup.place.id,
      citizen: { firstName: 'Nadia', lastName: 'Haddad', phone: '06 11 22 33 44', externalRef: 'rsa:1001' },
    };
    const created = await call('POST', '/api/v1/appointments', body);
    expect(created.statusCode).toBe(201);
    const appointment = created.json();
    expect(appointment).toMatchObject({
      organisationId: setup.organisation.id,
      appointmentType: { id: setup.type.id, name: 'Premier rendez-vous RSA' },
      startsAt: at(9).toISOString(),
      endsAt: at(9, 30).toISOString(),
      place: { id: setup.place.id },
      agent: { id: setup.agent.id },
      cancelledAt: null,
      participants: [
        {
          status: 'a_venir',
          bookedVia: 'api',
          citizen: { firstName: 'Nadia', lastName: 'Haddad', phone: '+33611223344', externalRef: 'rsa:1001' },
          history: [{ fromStatus: null, toStatus: 'a_venir', changedBy: 'api', changedByAgentId: null }],
        },
      ],
    });
    const conflict = await call('POST', '/api/v1/appointments', {
      ...body,
      citizen: { firstName: 'Paul', lastName: 'Autre', email: 'paul@exemple.fr' },
    });
    expect(conflict.statusCode).toBe(409);
    const refusal = conflict.json();
    expect(refusal).toMatchObject({ error: 'conflict', message: 'Ce créneau vient d’être pris.' });
    // 09:30 is blocked by the 5-minute buffer: the next slot is 10:00.
    expect(refusal.next[0]).toMatchObject({ startsAt: at(10).toISOString(), placeId: setup.place.id });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, appointment.id), eq(auditEvents.actorType, 'api_token')));
    expect(audit).toMatchObject([{ action: 'create', resourceType: 'appointment' }]);
  });

  it('answers 400 with field paths on bad input', async () => {
    const missing = await call('POST', '/api/v1/appointments', {
      appointmentTypeId: 'pas-un-uuid',
      startsAt: 'lundi',
      placeId: setup.place.id,
      citizen: { firstName: 'Nadia' },
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().fields)).toEqual(
      expect.arrayContaining(['body.appointmentTypeId', 'body.startsAt']),
    );
    const badPhone = await call('POST', '/api/v1/appointments', {
      appointmentTypeId: setup.type.id,
      startsAt: at(11).toISOString(),
      placeId: setup.place.id,
      citizen: { firstName: 'Nadia', lastName: 'Haddad', phone: '12' },
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().fields['body.citizen.phone']).toMatch(/n’existe pas/);
    const otherType = await call(
      'POST',
      '/api/v1/appointments',
      {
        appointmentTypeId: setup.type.id,
        startsAt: at(11).toISOString(),
        placeId: setup.place.id,
        citizen: { firstName: 'Nadia', lastName: 'Haddad' },
      },
      otherToken,
    );
    expect(otherType.statusCode).toBe(400);
    expect(otherType.json().fields).toEqual({ 'body.appointmentTypeId': 'Ce motif n’existe pas.' });
  });

  it('reads, changes the status, moves and cancels an appointment; another organisation gets 404', async () => {
    const created = (
      await call('POST', '/api/v1/appointments', {
        appointmentTypeId: setup.type.id,
        startsAt: at(14).toISOString(),
        placeId: setup.place.id,
        citizen: { firstName: 'Marc', lastName: 'Lopez', email: 'marc@exemple.fr' },
      })
    ).json();
    const url = `/api/v1/appointments/${created.id}`;
    expect((await call('GET', url)).json()).toEqual(created);
    expect((await call('GET', url, undefined, otherToken)).statusCode).toBe(404);
    expect((await call('PATCH', url, { status: 'excuse' }, otherToken)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/appointments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );

    const tooEarly = await call('PATCH', url, { status: 'vu' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().fields['body.status']).toMatch(/qu’une fois commencé/);

    const moved = await call('PATCH', url, { startsAt: at(15).toISOString() });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      id: created.id,
      startsAt: at(15).toISOString(),
      participants: [{ id: created.participants[0].id }],
    });
    // 14:00 is free again: another person books it.
    const retaken = await call('POST', '/api/v1/appointments', {
      appointmentTypeId: setup.type.id,
      startsAt: at(14).toISOString(),
      placeId: setup.place.id,
      citizen: { firstName: 'Inès', lastName: 'Moreau', email: 'ines@exemple.fr' },
    });
    expect(retaken.statusCode).toBe(201);
    const blocked = await call('PATCH', url, { startsAt: at(14).toISOString() });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().next.length).toBeGreaterThan(0);

    const cancelled = await call('PATCH', url, { status: 'annule' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelledAt).not.toBeNull();
    expect(cancelled.json().participants[0]).toMatchObject({
      status: 'annule',
      history: [{ toStatus: 'a_venir' }, { fromStatus: 'a_venir', toStatus: 'annule', changedBy: 'api' }],
    });
    const again = await call('PATCH', url, { status: 'annule' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/Seul un rendez-vous à venir/);
    const both = await call('PATCH', url, { status: 'vu', startsAt: at(16).toISOString() });
    expect(both.statusCode).toBe(400);
  });

  it('asks which participation of a collective session to change', async () => {
    const collective = await newBookableSetup(db, { type: { collective: true, capacity: 5 } });
    const { token: collectiveToken } = await createApiToken(
      db,
      { organisation: collective.organisation, name: 'Séances', createdBy: null },
      systemActor,
    );
    const { appointment } = await newAppointment(db, {
      organisationId: collective.organisation.id,
      appointmentTypeId: collective.type.id,
      agentId: collective.agent.id,
      placeId: collective.place.id,
      startsAt: at(10),
      capacity: 5,
    });
    const citizen = await newCitizen(db, { organisationId: collective.organisation.id });
    const seat = await call(
      'POST',
      '/api/v1/appointments',
      {
        appointmentTypeId: collective.type.id,
        startsAt: at(10).toISOString(),
        placeId: collective.place.id,
        citizen: { id: citizen.id },
      },
      collectiveToken,
    );
    expect(seat.statusCode).toBe(201);
    expect(seat.json().id).toBe(appointment.id);
    await call(
      'POST',
      '/api/v1/appointments',
      {
        appointmentTypeId: collective.type.id,
        startsAt: at(10).toISOString(),
        placeId: collective.place.id,
        citizen: { firstName: 'Deux', lastName: 'Ième', email: 'deux@exemple.fr' },
      },
      collectiveToken,
    );
    const ambiguous = await call(
      'PATCH',
      `/api/v1/appointments/${appointment.id}`,
      { status: 'excuse' },
      collectiveToken,
    );
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().fields['body.participantId']).toMatch(/précisez participantId/);
    const participantId = seat.json().participants[0].id;
    const excused = await call(
      'PATCH',
      `/api/v1/appointments/${appointment.id}`,
      { status: 'excuse', participantId },
      collectiveToken,
    );
    expect(excused.statusCode).toBe(200);
    expect(excused.json().participants.find((p: { id: string }) => p.id === participantId).status).toBe(
      'excuse',
    );
  });

  it('appears in the OpenAPI document', async () => {
    const document = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/appointment-types',
        '/api/v1/slots',
        '/api/v1/appointments',
        '/api/v1/appointments/{id}',
      ]),
    );
    expect(document.paths['/api/v1/appointments'].post.responses).toHaveProperty('409');
    for (const [, name] of JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(document.components.schemas).toHaveProperty(name!);
    }
  });
});
