import { z } from 'zod';

/** The invitations' routes: what they accept. Values that do not parse fall back or answer 404/400. */
const channelChoice = z.enum(['auto', 'sms', 'email', 'letter']);

/** Repeated form fields arrive as a string (one) or an array (several). */
const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const MAX_BULK = 5000;

/** POST /rsa/invitations: the ticked people of the list, the channel, and the list's URL to go back to. */
export const bulkInviteBody = z.object({
  // The list offers at most 2,000 at once; a larger post is not from our pages.
  ids: repeated.refine((ids) => ids.length <= MAX_BULK, `Au plus ${MAX_BULK} personnes à la fois.`),
  channel: channelChoice.catch('auto'),
  retour: z.string().max(2000).optional().catch(undefined),
});

/** POST /rsa/beneficiaires/:id/inviter. */
export const inviteOneBody = bulkInviteBody.omit({ ids: true });

export const beneficiaryParams = z.object({ id: z.string().max(100) });
export const invitationParams = z.object({ id: z.string().max(100) });
/** GET /rsa/invitations/envois/:id?retour=<the list's URL>. */
export const runQuery = z.object({ retour: z.string().max(2000).optional().catch(undefined) });
export const tokenParams = z.object({ token: z.string().max(200) });

/** A slot of the convocation form: "<appointmentTypeId>|<placeId>|<ISO instant>". */
export const slotChoice = z
  .string({ message: 'Choisissez un créneau.' })
  .min(1, 'Choisissez un créneau.')
  .transform((value, ctx) => {
    const [appointmentTypeId, placeId, instant] = value.split('|');
    const startsAt = instant ? new Date(instant) : null;
    if (!appointmentTypeId || !placeId || !startsAt || Number.isNaN(startsAt.getTime())) {
      ctx.addIssue({
        code: 'custom',
        message: 'Ce créneau n’est pas valide : choisissez-en un dans la liste.',
      });
      return z.NEVER;
    }
    return { appointmentTypeId, placeId, startsAt };
  });

export const convocationForm = z.object({
  creneau: slotChoice,
  canal: channelChoice.catch('auto'),
});

export const slotValue = (slot: { appointmentTypeId: string; placeId: string; startsAt: Date }) =>
  `${slot.appointmentTypeId}|${slot.placeId}|${slot.startsAt.toISOString()}`;
