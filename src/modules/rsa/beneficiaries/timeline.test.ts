import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineSources } from './timeline.ts';

const empty: TimelineSources = {
  statusChanges: [],
  invitations: [],
  messages: [],
  appointments: [],
  questionnaire: null,
  decisions: [],
  notes: [],
  now: new Date('2025-04-01T12:00:00Z'),
};

const invitation = (values: Partial<TimelineSources['invitations'][number]>) => ({
  id: 'i',
  kind: 'invitation' as const,
  channel: 'email' as const,
  sentAt: new Date('2025-03-01T08:00:00Z'),
  expiresAt: new Date('2025-03-11T08:00:00Z'),
  remindersSent: 0,
  nextReminderAt: null,
  bookedAt: null,
  closedAt: null,
  appointmentStartsAt: null,
  authorFirstName: null,
  authorLastName: null,
  ...values,
});

describe('a person’s timeline', () => {
  it('tells a running, an expired, a booked and a closed invitation apart', () => {
    const entries = buildTimeline({
      ...empty,
      invitations: [
        invitation({
          expiresAt: new Date('2025-04-05T08:00:00Z'),
          nextReminderAt: new Date('2025-04-02T08:00:00Z'),
        }),
        invitation({}),
        invitation({
          bookedAt: new Date('2025-03-03T08:00:00Z'),
          appointmentStartsAt: new Date('2025-03-10T09:00:00Z'),
        }),
        invitation({ closedAt: new Date('2025-03-04T08:00:00Z'), kind: 'convocation', channel: 'letter' }),
      ],
    });
    expect(entries.map((e) => e.badge?.label)).toEqual(['En cours', 'Expirée', 'RDV pris', 'Close']);
    expect(entries[0]!.lines).toContain('Prochaine relance le 02/04/2025 10:00');
    expect(entries[2]!.lines).toContain('Rendez-vous pris le 03/03/2025 09:00, pour le 10/03/2025 10:00');
    expect(entries[3]!.title).toBe('Convocation par courrier');
    expect(entries[3]!.lines).not.toContain(expect.stringContaining('Valable'));
  });

  it('puts the newest first and keeps the given order for the same instant', () => {
    const at = new Date('2025-03-05T08:00:00Z');
    const entries = buildTimeline({
      ...empty,
      statusChanges: [
        {
          id: 's',
          fromStatus: 'non_invite',
          toStatus: 'invitation_envoyee',
          changedBy: 'usager',
          reason: null,
          changedAt: at,
          authorFirstName: null,
          authorLastName: null,
        },
      ],
      invitations: [invitation({ sentAt: at })],
      notes: [
        {
          id: 'n',
          body: 'plus tard',
          createdAt: new Date('2025-03-06T08:00:00Z'),
          authorFirstName: 'A',
          authorLastName: 'B',
        },
      ],
    });
    expect(entries.map((e) => e.kind)).toEqual(['note', 'statut', 'invitation']);
    expect(entries[1]!.lines[0]).toBe('Auparavant : Non invité, changé par la personne');
  });
});
