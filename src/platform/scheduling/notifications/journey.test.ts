import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../messaging/tables.ts';
import { emailsQueuedFor } from '../../messaging/testing.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { bookAppointment } from '../booking.service.ts';
import { cancelParticipation, moveAppointment, setParticipationStatus } from '../participation.service.ts';
import { newBookableSetup } from '../testing.ts';
import { events, prop, readIcs } from './testing.ts';

/** The person's messages through the booking engine's own commands, from booking to cancellation. */
describe('notifications along a booking', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const now = new Date('2030-03-01T08:00:00Z');

  it('confirms, tells the move, then the cancellation, each by email (.ics) and SMS, once', async () => {
    const db = t.platform.database.db;
    const setup = await newBookableSetup(db, { type: { name: 'Orientation RSA', changeLimitHours: 24 } });
    const booked = await bookAppointment(db, t.platform, {
      appointmentTypeId: setup.type.id,
      startsAt: new Date('2030-03-05T09:00:00Z'),
      placeId: setup.place.id,
      citizen: { firstName: 'Aïcha', lastName: 'Benali', phone: '06 12 34 56 78', email: 'aicha@exemple.fr' },
      channel: 'public',
      now,
    });
    if (!booked.ok) throw new Error('not booked');
    const moved = await moveAppointment(db, t.platform, {
      participantId: booked.participantId,
      startsAt: new Date('2030-03-06T13:30:00Z'),
      placeId: setup.place.id,
      by: 'usager',
      now: new Date('2030-03-02T08:00:00Z'),
    });
    expect(moved.ok).toBe(true);
    // Other statuses tell the person nothing (excusé, then back to à venir).
    await setParticipationStatus(db, t.platform, {
      participantId: booked.participantId,
      status: 'excuse',
      by: 'systeme',
      now: new Date('2030-03-02T09:00:00Z'),
    });
    await setParticipationStatus(db, t.platform, {
      participantId: booked.participantId,
      status: 'a_venir',
      by: 'systeme',
      now: new Date('2030-03-02T09:30:00Z'),
    });
    await cancelParticipation(db, t.platform, {
      participantId: booked.participantId,
      by: 'usager',
      now: new Date('2030-03-03T08:00:00Z'),
    });

    const rows = await db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `scheduling:%:${booked.participantId}:%`));
    expect(rows.map((r) => r.template).sort()).toEqual([
      'scheduling.cancellation-email',
      'scheduling.cancellation-sms',
      'scheduling.change-email',
      'scheduling.change-sms',
      'scheduling.confirmation-email',
      'scheduling.confirmation-sms',
    ]);
    const emails = await emailsQueuedFor(t.platform, 'aicha@exemple.fr');
    const bySubject = emails.map((e) => e.subject);
    expect(bySubject).toContain('Rendez-vous confirmé le mardi 5 mars 2030 à 10 h');
    expect(bySubject).toContain('Rendez-vous déplacé au mercredi 6 mars 2030 à 14 h 30');
    expect(bySubject).toContain('Rendez-vous annulé : mercredi 6 mars 2030 à 14 h 30');
    const calendars = emails.map((e) => events(readIcs(String(e.attachments![0]!.content)))[0]!);
    expect(new Set(calendars.map((c) => prop(c, 'UID'))).size).toBe(1);
    const sequence = (subject: string) =>
      prop(calendars[bySubject.findIndex((s) => s.startsWith(subject))]!, 'SEQUENCE');
    expect([
      sequence('Rendez-vous confirmé'),
      sequence('Rendez-vous déplacé'),
      sequence('Rendez-vous annulé'),
    ]).toEqual(['0', '1', '2']);
    const change = emails.find((e) => e.subject.startsWith('Rendez-vous déplacé'))!;
    expect(change.text).toContain(
      'Votre rendez-vous du mardi 5 mars 2030 à 10 h est déplacé au mercredi 6 mars 2030 à 14 h 30.',
    );
  });
});
