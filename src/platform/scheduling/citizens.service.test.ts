import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import type { Db } from '../db/client.ts';
import type { AppError } from '../errors.ts';
import { newAgent } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { listAppointments } from './appointments.repository.ts';
import { referentIdsOf } from './citizens.repository.ts';
import { normalisePhone, searchCitizens, setCitizenReferents } from './citizens.service.ts';
import { viewParticipation } from './participation.service.ts';
import { newAppointment, newBookableSetup, newCitizen, testCaller } from './testing.ts';

describe('normalisePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['04 94 12 34 56', '+33494123456'],
    ['0690 12 34 56', '+590690123456'],
    ['0262 12 34 56', '+262262123456'],
    ['0694 12 34 56', '+594694123456'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('%s → %s', (written, e164) => {
    expect(normalisePhone(written)).toEqual({ ok: true, e164 });
  });

  it.each(['06 12', '12345678901234', 'zéro six', '06 12 34 56 7a'])(
    'refuses %s with a French reason',
    (written) => {
      const checked = normalisePhone(written);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.reason).toMatch(/numéro de téléphone/);
    },
  );
});

describe('people and appointments for agents', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({
      database: { db },
      drop,
    } = await openTestDatabase());
  });
  afterAll(() => drop());

  it('searches the organisation’s people by name words or by phone, audited', async () => {
    const setup = await newBookableSetup(db);
    const agent = await newAgent(db, {
      memberships: [{ organisationId: setup.organisation.id, role: 'readonly' }],
    });
    const caller = testCaller(agent, [{ organisationId: setup.organisation.id, role: 'readonly' }]);
    const org = setup.organisation.id;
    const lea = await newCitizen(db, {
      organisationId: org,
      firstName: 'Léa',
      lastName: 'Martin',
      phone: '+33611111111',
    });
    await newCitizen(db, {
      organisationId: org,
      firstName: 'Paul',
      lastName: 'Martinez',
      phone: '+33622222222',
    });
    await newCitizen(db, { firstName: 'Léa', lastName: 'Martin', phone: '+33611111111' }); // another organisation
    expect((await searchCitizens(db, caller, org, 'martin')).map((c) => c.lastName)).toEqual([
      'Martin',
      'Martinez',
    ]);
    expect((await searchCitizens(db, caller, org, 'léa MARTIN')).map((c) => c.id)).toEqual([lea.id]);
    expect((await searchCitizens(db, caller, org, '06 11 11 11 11')).map((c) => c.id)).toEqual([lea.id]);
    expect(await searchCitizens(db, caller, org, '06 11')).toEqual([]);
    expect(await searchCitizens(db, caller, org, '%')).toEqual([]);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, agent.id), eq(auditEvents.resourceType, 'citizen')));
    expect(audit.length).toBe(4);
    const outsider = await newAgent(db);
    await expect(searchCitizens(db, testCaller(outsider, []), org, 'martin')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('sets référents among the organisation’s active agents', async () => {
    const setup = await newBookableSetup(db, { agents: 2 });
    const org = setup.organisation.id;
    const booker = await newAgent(db, { memberships: [{ organisationId: org, role: 'agent' }] });
    const caller = testCaller(booker, [{ organisationId: org, role: 'agent' }]);
    const citizen = await newCitizen(db, { organisationId: org });
    await setCitizenReferents(db, caller, {
      organisationId: org,
      citizenId: citizen.id,
      agentIds: setup.agents.map((a) => a.id),
    });
    expect(new Set(await referentIdsOf(db, citizen.id))).toEqual(new Set(setup.agents.map((a) => a.id)));
    const stranger = await newAgent(db);
    const refused = await setCitizenReferents(db, caller, {
      organisationId: org,
      citizenId: citizen.id,
      agentIds: [stranger.id],
    }).catch((error: AppError) => error);
    expect(refused).toMatchObject({ code: 'validation' });
    await setCitizenReferents(db, caller, { organisationId: org, citizenId: citizen.id, agentIds: [] });
    expect(await referentIdsOf(db, citizen.id)).toEqual([]);
  });

  it('lists appointments with their participants, and shows one to members only, audited', async () => {
    const setup = await newBookableSetup(db);
    const org = setup.organisation.id;
    const citizen = await newCitizen(db, { organisationId: org, lastName: 'Roux' });
    const startsAt = new Date('2030-03-04T09:00:00Z');
    const { appointment, participant } = await newAppointment(db, {
      organisationId: org,
      appointmentTypeId: setup.type.id,
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt,
      citizenId: citizen.id,
    });
    const listed = await listAppointments(db, {
      organisationIds: [org],
      from: new Date('2030-03-04T00:00:00Z'),
      to: new Date('2030-03-05T00:00:00Z'),
    });
    expect(listed).toMatchObject([
      {
        id: appointment.id,
        typeName: setup.type.name,
        placeName: setup.place.name,
        participants: [{ id: participant!.id, lastName: 'Roux', status: 'a_venir' }],
      },
    ]);
    expect(
      await listAppointments(db, {
        organisationIds: [org],
        agentId: setup.agent.id,
        from: startsAt,
        to: startsAt,
      }),
    ).toEqual([]);

    const member = await newAgent(db, { memberships: [{ organisationId: org, role: 'readonly' }] });
    const details = await viewParticipation(
      db,
      testCaller(member, [{ organisationId: org, role: 'readonly' }]),
      participant!.id,
    );
    expect(details).toMatchObject({
      citizen: { lastName: 'Roux' },
      place: { id: setup.place.id },
      agent: { id: setup.agent.id },
      organisation: { id: org },
      appointment: { startsAt },
    });
    const outsider = await newAgent(db);
    await expect(viewParticipation(db, testCaller(outsider, []), participant!.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(viewParticipation(db, testCaller(outsider, []), 'pas-un-id')).rejects.toMatchObject({
      code: 'not_found',
    });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, participant!.id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual(
      expect.arrayContaining([
        ['read', member.id],
        ['denied', outsider.id],
      ]),
    );
  });
});
