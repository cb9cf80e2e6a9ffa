import { z } from 'zod';

export const beneficiaryParams = z.object({ id: z.string().max(100) });
export const exportQuery = z.object({ format: z.enum(['json']).optional() });

/** Shortest retention offered: the way from the opening of rights to orientation takes months. */
export const MIN_RETENTION_MONTHS = 6;
export const MAX_RETENTION_MONTHS = 120;
export const MAX_REMINDERS = 5;

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ message })
    .trim()
    .min(1, message)
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

/**
 * The RSA settings form. Reminder days are typed as a list (« 3, 7 », « 3 et 7 », « 3 7 »): each is a
 * day after sending, before the invitation expires; an empty list means no reminder.
 */
export const settingsForm = z
  .object({
    validite: wholeNumber('Indiquez un nombre de jours entre 1 et 60.', 1, 60),
    rappels: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ?? '').split(/[\s,;]+|\bet\b/).filter(Boolean)),
    conservation: wholeNumber(
      `Indiquez un nombre de mois entre ${MIN_RETENTION_MONTHS} et ${MAX_RETENTION_MONTHS}.`,
      MIN_RETENTION_MONTHS,
      MAX_RETENTION_MONTHS,
    ),
    nir: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
    confirmer: z.string().optional(),
  })
  .transform((form, ctx) => {
    const days: number[] = [];
    for (const part of form.rappels) {
      const day = /^\d+$/.test(part) ? Number(part) : Number.NaN;
      if (!Number.isInteger(day) || day < 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['rappels'],
          message: 'Écrivez des nombres de jours séparés par des virgules, par exemple « 3, 7 ».',
        });
        return z.NEVER;
      }
      if (day >= form.validite) {
        ctx.addIssue({
          code: 'custom',
          path: ['rappels'],
          message: `Chaque rappel doit partir avant la fin de l’invitation (moins de ${form.validite} jours).`,
        });
        return z.NEVER;
      }
      if (!days.includes(day)) days.push(day);
    }
    if (days.length > MAX_REMINDERS) {
      ctx.addIssue({ code: 'custom', path: ['rappels'], message: `${MAX_REMINDERS} rappels au plus.` });
      return z.NEVER;
    }
    return {
      settings: {
        invitationValidityDays: form.validite,
        reminderDays: days.sort((a, b) => a - b),
        retentionMonths: form.conservation,
        nirEnabled: form.nir,
      },
      confirmed: form.confirmer === 'oui',
    };
  });

export const settingsLabels: Record<string, string> = {
  validite: 'Durée de validité des invitations',
  rappels: 'Rappels',
  conservation: 'Durée de conservation',
  nir: 'Numéro de sécurité sociale (NIR)',
};
