import { z } from 'zod';
import { emailField } from '../web/forms.ts';
import type { Membership } from './actor.ts';

/** The sign-in form; `suite` is checked separately (safeLocalPath) and dropped when not local. */
export const signInSchema = z.object({ email: emailField(), suite: z.string().optional() });

/** Choosing the organisation one works in now: only one of the agent's own memberships. */
export function chooseOrganisationSchema(memberships: Membership[]) {
  const message = 'Choisissez une des organisations dont vous êtes membre.';
  return z.object({
    organisationId: z
      .string({ message })
      .refine((id) => memberships.some((m) => m.organisationId === id), message),
  });
}
