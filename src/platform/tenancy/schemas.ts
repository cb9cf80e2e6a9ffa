import { z } from 'zod';
import { emailField, requiredText } from '../web/forms.ts';

/** The administration forms. Each schema both checks the posted form and names its fields' messages. */

export const territoryForm = z.object({
  kind: z.enum(['departement', 'epci', 'commune'], { message: 'Choisissez le type de collectivité.' }),
  code: requiredText('Saisissez le code de la collectivité.', 20).transform((v) => v.replace(/\s/g, '')),
});
export const territoryLabels = { kind: 'Type de collectivité', code: 'Code' };

const organisationKinds = ['uts', 'direction', 'ccas', 'service', 'autre', 'incubateur'] as const;

/** The territory select posts a territory id, or "aucun" (operators: national organisations). */
export const organisationForm = z.object({
  territoryId: requiredText('Choisissez le territoire de l’organisation.', 40).transform((v) =>
    v === 'aucun' ? null : v,
  ),
  kind: z.enum(organisationKinds, { message: 'Choisissez le type d’organisation.' }),
  name: requiredText('Saisissez le nom de l’organisation.', 150),
});
export const organisationLabels = { territoryId: 'Territoire', kind: 'Type', name: 'Nom' };

const roles = ['admin', 'agent', 'readonly'] as const;
const roleField = z.enum(roles, { message: 'Choisissez un rôle.' });

const optionalName = z
  .string()
  .trim()
  .max(100, 'Ce texte est trop long (100 caractères au plus).')
  .optional()
  .transform((v) => v || undefined);

export const invitationForm = z.object({
  email: emailField(),
  firstName: optionalName,
  lastName: optionalName,
  role: roleField,
});
export const invitationLabels = {
  email: 'Adresse électronique',
  firstName: 'Prénom',
  lastName: 'Nom',
  role: 'Rôle',
};

export const roleForm = z.object({ role: roleField });
export const roleLabelsForForm = { role: 'Rôle' };
