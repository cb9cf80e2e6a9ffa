import { z } from 'zod';
import { checkMobileNumber } from '../../messaging/sms/phone.ts';
import { parseLocalDay } from './format.ts';

/**
 * The booking journey's query strings and forms. Query values that do not parse are dropped (the
 * page then says what is missing) rather than answered with a bare 400: people follow these links
 * from SMS and letters, and may cut them.
 */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const uuid = optional(z.uuid());
/** An INSEE code: 5 characters, digits or 2A/2B for Corsica. */
const communeCode = optional(z.string().regex(/^[0-9][0-9AB][0-9]{3}$/));
const day = optional(
  z.string().transform((v, ctx) => {
    const parsed = parseLocalDay(v);
    if (parsed) return parsed;
    ctx.addIssue('jour');
    return z.NEVER;
  }),
);
const instant = optional(
  z.string().transform((v, ctx) => {
    const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z$/.test(v) ? new Date(v) : null;
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue('instant');
      return z.NEVER;
    }
    return date;
  }),
);
/** An invitation token: base64url payload, a dot, a base64url signature. */
const invitationToken = optional(z.string().regex(/^[A-Za-z0-9_-]{1,1500}\.[A-Za-z0-9_-]{1,100}$/));

export const communeQuery = z.object({ recherche: optional(z.string().max(100)) });

export const journeyQuery = z.object({
  commune: communeCode,
  invitation: invitationToken,
  motif: uuid,
  lieu: uuid,
  du: day,
  debut: instant,
});
export type JourneyQuery = z.output<typeof journeyQuery>;

export const manageParams = z.object({ participantId: z.string().min(1).max(100) });
export const manageQuery = z.object({
  exp: optional(z.string().max(20)),
  sig: optional(z.string().max(200)),
  lieu: uuid,
  du: day,
  debut: instant,
});
export const invitationParams = z.object({ '*': z.string().max(2000) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce texte est trop long (${max} caractères au plus).`)
    .optional()
    .transform((v) => v || undefined);

const EMAIL_MESSAGE = 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
const CONTACT_MESSAGE =
  'Indiquez un numéro de téléphone portable ou une adresse électronique, pour recevoir la confirmation et le rappel.';

/**
 * The person's contact details. At least a mobile number or an email: the confirmation and the
 * reminder go there. No free text about the person's needs or health is asked for, on purpose.
 */
export const contactForm = z
  .object({
    prenom: optionalText(100),
    nom: optionalText(100),
    telephone: optionalText(40),
    email: optionalText(200),
    /** After « ce créneau vient d’être pris »: the other slot chosen, "<placeId>|<ISO instant>". */
    creneau: optionalText(80),
  })
  // Every check in one pass, so a missing name and a missing contact are both reported at once.
  .transform((form, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!form.prenom) issue('prenom', 'Saisissez votre prénom.');
    if (!form.nom) issue('nom', 'Saisissez votre nom.');
    let phone: string | undefined;
    if (form.telephone) {
      const checked = checkMobileNumber(form.telephone);
      if (checked.ok) phone = checked.e164;
      else
        issue(
          'telephone',
          `Saisissez un numéro de téléphone portable, par exemple 06 12 34 56 78 (${checked.reason}).`,
        );
    }
    let email: string | undefined;
    if (form.email) {
      const checked = z.email().safeParse(form.email.toLowerCase());
      if (checked.success) email = checked.data;
      else issue('email', EMAIL_MESSAGE);
    }
    if (!form.telephone && !form.email) {
      issue('telephone', CONTACT_MESSAGE);
      issue('email', CONTACT_MESSAGE);
    }
    return {
      firstName: form.prenom ?? '',
      lastName: form.nom ?? '',
      phone: phone ?? null,
      email: email ?? null,
      slot: parseSlotChoice(form.creneau),
    };
  });
export type ContactForm = z.output<typeof contactForm>;

export const contactLabels = {
  prenom: 'Prénom',
  nom: 'Nom',
  telephone: 'Téléphone portable',
  email: 'Adresse électronique',
  creneau: 'Autre créneau',
};

/** "<placeId>|<ISO instant>" → the slot chosen among the next ones offered. */
export function slotChoice(placeId: string, startsAt: Date): string {
  return `${placeId}|${startsAt.toISOString()}`;
}

export function parseSlotChoice(value: string | undefined): { placeId: string; startsAt: Date } | undefined {
  if (!value) return undefined;
  const [placeId, iso] = value.split('|');
  if (!placeId || !iso || !z.uuid().safeParse(placeId).success) return undefined;
  const startsAt = new Date(iso);
  return Number.isNaN(startsAt.getTime()) ? undefined : { placeId, startsAt };
}
