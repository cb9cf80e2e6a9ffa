import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../messaging/tables.ts';
import { emailsQueuedFor } from '../../messaging/testing.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { verifyManageLink } from '../manage-link.ts';
import { appointments } from '../tables.ts';
import { newAppointment, newBookableSetup, newCitizen, newPlace } from '../testing.ts';
import type { AppointmentEvent } from '../types.ts';
import { queueAppointmentNotifications } from './queue.ts';
import { events, prop, readIcs } from './testing.ts';

describe('queueAppointmentNotifications', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const publish = (event: AppointmentEvent) =>
    t.platform.database.db.transaction((tx) => queueAppointmentNotifications(tx, t.platform, event));

  async function booked(citizenValues: Parameters<typeof newCitizen>[1] = {}) {
    const db = t.platform.database.db;
    const setup = await newBookableSetup(db, {
      type: { name: 'Premier rendez-vous d’orientation RSA', instructions: 'Apportez une pièce d’identité.' },
    });
    const citizen = await newCitizen(db, { organisationId: setup.organisation.id, ...citizenValues });
    const { appointment, participant } = await newAppointment(db, {
      organisationId: setup.organisation.id,
      appointmentTypeId: setup.type.id,
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt: new Date('2030-01-15T08:30:00Z'),
      endsAt: new Date('2030-01-15T09:00:00Z'),
      citizenId: citizen.id,
    });
    return { ...setup, citizen, appointment, participant: participant! };
  }

  const messagesOf = (participantId: string) =>
    t.platform.database.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `scheduling:%:${participantId}:%`))
      .orderBy(outboxMessages.createdAt, outboxMessages.idempotencyKey);

  const at = new Date('2029-12-01T10:00:00Z');

  it('confirms by email with the .ics and by SMS, once, for the person concerned', async () => {
    const b = await booked();
    const event: AppointmentEvent = {
      kind: 'appointment.created',
      appointmentId: b.appointment.id,
      participantId: b.participant.id,
      by: 'usager',
      at,
    };
    await publish(event);
    await publish(event);
    const rows = await messagesOf(b.participant.id);
    expect(rows.map((r) => [r.channel, r.template, r.idempotencyKey, r.status])).toEqual([
      [
        'email',
        'scheduling.confirmation-email',
        `scheduling:confirmation:${b.participant.id}:2030-01-15T08:30:00.000Z:email`,
        'queued',
      ],
      [
        'sms',
        'scheduling.confirmation-sms',
        `scheduling:confirmation:${b.participant.id}:2030-01-15T08:30:00.000Z:sms`,
        'queued',
      ],
    ]);
    expect(rows[0]!.subjectType).toBe('citizen');
    expect(rows[0]!.subjectId).toBe(b.citizen.id);
    expect(rows[0]!.organisationId).toBe(b.organisation.id);
    expect(rows[1]!.recipientNormalised).toBe('+33612345678');
    expect((rows[1]!.data as { email: string | null }).email).toBeNull();

    const [email] = await emailsQueuedFor(t.platform, b.citizen.email!);
    expect(email!.subject).toBe('Rendez-vous confirmé le mardi 15 janvier 2030 à 9 h 30');
    expect(email!.text).toContain('Quoi : Premier rendez-vous d’orientation RSA (30 minutes)');
    expect(email!.text).toContain(`Où : ${b.place.name}`);
    expect(email!.text).toContain('À savoir : Apportez une pièce d’identité.');
    expect(email!.text).toContain(`Avec : ${b.organisation.name}`);
    // The personal link is genuine and expires at the appointment's end.
    const url = new URL(/http:\/\/localhost:3000\/rdv\/gerer\/\S+/.exec(email!.text)![0]);
    expect(url.pathname).toBe(`/rdv/gerer/${b.participant.id}`);
    expect(url.searchParams.get('exp')).toBe(String(Date.parse('2030-01-15T09:00:00Z') / 1000));
    const check = verifyManageLink(
      t.platform.config.secretKey,
      {
        participantId: b.participant.id,
        exp: url.searchParams.get('exp')!,
        sig: url.searchParams.get('sig')!,
      },
      at,
    );
    expect(check.ok).toBe(true);
    const calendar = readIcs(String(email!.attachments![0]!.content));
    expect(prop(calendar, 'METHOD')).toBe('REQUEST');
    expect(prop(events(calendar)[0]!, 'SEQUENCE')).toBe('0');
  });

  it('tells a move with the old and new time and a higher SEQUENCE; a new agent alone is not news', async () => {
    const db = t.platform.database.db;
    const b = await booked();
    const previous = { startsAt: b.appointment.startsAt, placeId: b.place.id, agentId: b.agent.id };
    const move = async (startsAt: string, when: Date) => {
      await db
        .update(appointments)
        .set({
          startsAt: new Date(startsAt),
          endsAt: new Date(Date.parse(startsAt) + 30 * 60_000),
          blockedUntil: new Date(Date.parse(startsAt) + 30 * 60_000),
        })
        .where(eq(appointments.id, b.appointment.id));
      await publish({
        kind: 'appointment.updated',
        appointmentId: b.appointment.id,
        participantId: b.participant.id,
        previous,
        by: 'agent',
        at: when,
      });
    };
    await move('2030-01-17T13:00:00Z', new Date('2029-12-02T10:00:00Z'));
    const [first] = await emailsQueuedFor(t.platform, b.citizen.email!, 'scheduling.change-email');
    expect(first!.subject).toBe('Rendez-vous déplacé au jeudi 17 janvier 2030 à 14 h');
    expect(first!.text).toContain(
      'Votre rendez-vous du mardi 15 janvier 2030 à 9 h 30 est déplacé au jeudi 17 janvier 2030 à 14 h.',
    );
    expect(prop(events(readIcs(String(first!.attachments![0]!.content)))[0]!, 'SEQUENCE')).toBe('1');

    // Back and forth: every move is told, and the SEQUENCE keeps growing.
    previous.startsAt = new Date('2030-01-17T13:00:00Z');
    await move('2030-01-15T08:30:00Z', new Date('2029-12-03T10:00:00Z'));
    previous.startsAt = new Date('2030-01-15T08:30:00Z');
    await move('2030-01-17T13:00:00Z', new Date('2029-12-04T10:00:00Z'));
    const changes = await emailsQueuedFor(t.platform, b.citizen.email!, 'scheduling.change-email');
    expect(changes).toHaveLength(3);
    expect(
      changes.map((c) => prop(events(readIcs(String(c.attachments![0]!.content)))[0]!, 'SEQUENCE')),
    ).toEqual(['3', '2', '1']);
    const sms = (await messagesOf(b.participant.id)).filter((m) => m.template === 'scheduling.change-sms');
    expect(sms).toHaveLength(3);

    // Same time and place, another agent: nothing for the person.
    await publish({
      kind: 'appointment.updated',
      appointmentId: b.appointment.id,
      participantId: b.participant.id,
      previous: { startsAt: new Date('2030-01-17T13:00:00Z'), placeId: b.place.id, agentId: b.agent.id },
      by: 'agent',
      at: new Date('2029-12-05T10:00:00Z'),
    });
    expect(await emailsQueuedFor(t.platform, b.citizen.email!, 'scheduling.change-email')).toHaveLength(3);
  });

  it('says when the place changed', async () => {
    const db = t.platform.database.db;
    const b = await booked();
    const other = await newPlace(db, { organisationId: b.organisation.id, name: 'Antenne de Six-Fours' });
    await db.update(appointments).set({ placeId: other.id }).where(eq(appointments.id, b.appointment.id));
    await publish({
      kind: 'appointment.updated',
      appointmentId: b.appointment.id,
      participantId: b.participant.id,
      previous: { startsAt: b.appointment.startsAt, placeId: b.place.id, agentId: b.agent.id },
      by: 'agent',
      at,
    });
    const [change] = await emailsQueuedFor(t.platform, b.citizen.email!, 'scheduling.change-email');
    expect(change!.text).toContain('Votre rendez-vous a changé.');
    expect(change!.text).toContain('Attention : le lieu a changé.');
    expect(change!.text).toContain('Où : Antenne de Six-Fours');
  });

  it('cancels once (cancelled event and status « annulé » alike), nothing for other statuses', async () => {
    const b = await booked();
    const base = { appointmentId: b.appointment.id, participantId: b.participant.id, at } as const;
    await publish({
      ...base,
      kind: 'appointment.status_changed',
      fromStatus: 'a_venir',
      toStatus: 'excuse',
      by: 'agent',
    });
    await publish({
      ...base,
      kind: 'appointment.status_changed',
      fromStatus: 'a_venir',
      toStatus: 'vu',
      by: 'agent',
    });
    expect(await messagesOf(b.participant.id)).toHaveLength(0);
    await publish({ ...base, kind: 'appointment.cancelled', by: 'usager' });
    await publish({
      ...base,
      kind: 'appointment.status_changed',
      fromStatus: 'a_venir',
      toStatus: 'annule',
      by: 'usager',
    });
    const rows = await messagesOf(b.participant.id);
    expect(rows.map((r) => r.template)).toEqual([
      'scheduling.cancellation-email',
      'scheduling.cancellation-sms',
    ]);
    const [email] = await emailsQueuedFor(t.platform, b.citizen.email!);
    expect(email!.text).toContain('est annulé, comme vous l’avez demandé.');
    expect(email!.text).not.toContain('/rdv/gerer/');
    const calendar = readIcs(String(email!.attachments![0]!.content));
    expect(prop(calendar, 'METHOD')).toBe('CANCEL');
    expect(prop(events(calendar)[0]!, 'STATUS')).toBe('CANCELLED');
  });

  it('uses only the channels the person has, and stays silent about past appointments', async () => {
    const smsOnly = await booked({ email: null });
    await publish({
      kind: 'appointment.created',
      appointmentId: smsOnly.appointment.id,
      participantId: smsOnly.participant.id,
      by: 'agent',
      at,
    });
    expect((await messagesOf(smsOnly.participant.id)).map((r) => r.channel)).toEqual(['sms']);

    const emailOnly = await booked({ phone: null });
    await publish({
      kind: 'appointment.created',
      appointmentId: emailOnly.appointment.id,
      participantId: emailOnly.participant.id,
      by: 'agent',
      at,
    });
    expect((await messagesOf(emailOnly.participant.id)).map((r) => r.channel)).toEqual(['email']);

    const past = await booked();
    await publish({
      kind: 'appointment.created',
      appointmentId: past.appointment.id,
      participantId: past.participant.id,
      by: 'agent',
      at: new Date('2030-02-01T10:00:00Z'),
    });
    expect(await messagesOf(past.participant.id)).toHaveLength(0);
    const none = await t.platform.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.subjectId, past.citizen.id)));
    expect(none).toHaveLength(0);
  });
});
