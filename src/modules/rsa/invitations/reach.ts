import { checkPostalAddress } from '../../../platform/messaging/letters/address.ts';
import { checkMobileNumber } from '../../../platform/messaging/sms/phone.ts';
import {
  addDays,
  localDay,
  localInstant,
  localMinutes,
} from '../../../platform/scheduling/slots/calendar.ts';
import type { InvitationSettings } from './invitations.repository.ts';

/**
 * Pure rules of an invitation: how the person is reached, and when the invitation expires and reminds.
 * Inputs are arguments (the person, the agent's choice, the settings, `now`): table tests beside.
 */
export type ChannelChoice = 'auto' | 'sms' | 'email' | 'letter';
export type Channel = 'sms' | 'email' | 'letter';

export const channelLabels: Record<Channel, string> = { sms: 'SMS', email: 'courriel', letter: 'courrier' };
export const channelChoiceLabels: Record<ChannelChoice, string> = {
  auto: 'Automatique : SMS si portable, sinon courriel, sinon courrier',
  sms: 'SMS',
  email: 'Courriel',
  letter: 'Courrier (lettre à imprimer)',
};

type Person = {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  postalCode: string | null;
  communeName: string | null;
};

export type Reach = { ok: true; channel: Channel; recipient: string } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The postal address as La Poste reads it: name, street lines, « code postal COMMUNE ». */
export function postalAddressOf(person: Person): string {
  return [
    `${person.firstName} ${person.lastName.toUpperCase()}`,
    ...(person.address ?? '').split(/\r?\n/).filter((line) => line.trim() !== ''),
    `${person.postalCode ?? ''} ${person.communeName ?? ''}`.trim(),
  ].join('\n');
}

function bySms(person: Person): Reach {
  if (!person.phone) return { ok: false, reason: 'pas de numéro de téléphone' };
  const checked = checkMobileNumber(person.phone);
  return checked.ok
    ? { ok: true, channel: 'sms', recipient: checked.e164 }
    : { ok: false, reason: `SMS impossible : ${checked.reason}` };
}

function byEmail(person: Person): Reach {
  if (!person.email) return { ok: false, reason: 'pas d’adresse électronique' };
  return EMAIL.test(person.email)
    ? { ok: true, channel: 'email', recipient: person.email.trim().toLowerCase() }
    : { ok: false, reason: 'adresse électronique invalide' };
}

function byLetter(person: Person): Reach {
  const address = postalAddressOf(person);
  const checked = checkPostalAddress(address);
  return checked.ok
    ? { ok: true, channel: 'letter', recipient: address }
    : { ok: false, reason: checked.reason };
}

/**
 * How to reach the person: the channel the agent chose, or with « auto » an SMS when they have a
 * mobile number, else an email, else a letter when their postal address is complete.
 */
export function reachOf(person: Person, choice: ChannelChoice): Reach {
  if (choice === 'sms') return bySms(person);
  if (choice === 'email') return byEmail(person);
  if (choice === 'letter') return byLetter(person);
  for (const attempt of [bySms, byEmail, byLetter]) {
    const reach = attempt(person);
    if (reach.ok) return reach;
  }
  return { ok: false, reason: 'ni téléphone portable, ni courriel, ni adresse postale complète' };
}

export type InvitationTimes = {
  /** The last local day the link works. */
  lastDay: string;
  /** The end of that day in Europe/Paris (local midnight after it). */
  expiresAt: Date;
};

/**
 * An invitation sent on 2030-03-02 at 10:15 with 10 days of validity works until the end of
 * 2030-03-12 in Paris: it expires at 2030-03-13 00:00 local (23:00 UTC the day before in winter).
 */
export function invitationTimes(sentAt: Date, settings: Pick<InvitationSettings, 'validityDays'>) {
  const lastDay = addDays(localDay(sentAt), settings.validityDays);
  return { lastDay, expiresAt: new Date(localInstant(addDays(lastDay, 1), 0)) } satisfies InvitationTimes;
}

/**
 * When the next reminder goes, after `sent` reminders already sent: the sending's local time of day,
 * `reminderDays[sent]` days later (J+3, J+7 by default), if that is before the expiry; otherwise none.
 */
export function nextReminderAt(
  sentAt: Date,
  reminderDays: number[],
  sent: number,
  expiresAt: Date,
): Date | null {
  const days = [...new Set(reminderDays.filter((d) => d > 0))].sort((a, b) => a - b);
  const day = days[sent];
  if (day === undefined) return null;
  const at = new Date(localInstant(addDays(localDay(sentAt), day), localMinutes(sentAt)));
  return at < expiresAt ? at : null;
}
