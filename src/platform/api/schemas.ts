import { z } from 'zod';
import { requiredText } from '../web/forms.ts';

/**
 * Input and output schemas of /api/v1 and of the token pages. The route schemas validate the
 * requests, shape the responses and are the OpenAPI document (see docs.ts).
 */

export const errorSchema = z
  .object({
    error: z.string().meta({ description: 'Code de l’erreur : validation, unauthenticated, not_found…' }),
    message: z.string().meta({ description: 'Explication en français.' }),
    fields: z
      .record(z.string(), z.string())
      .meta({ description: 'Un message par champ invalide, indexé par son chemin (ex. « params.id »).' }),
  })
  .meta({ id: 'Erreur' });

export const territorySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string().meta({ description: 'Nom de la collectivité.' }),
    kind: z.enum(['departement', 'epci', 'commune']),
    code: z.string().meta({ description: 'Code INSEE (département, commune) ou SIREN (EPCI).' }),
  })
  .meta({ id: 'Territoire' });

export const organisationSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(['uts', 'direction', 'ccas', 'service', 'incubateur', 'autre']),
    territory: territorySchema.nullable().meta({ description: 'Null pour l’incubateur, sans territoire.' }),
  })
  .meta({ id: 'Organisation' });

export const agentSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role: z.enum(['admin', 'agent', 'readonly']).meta({ description: 'Rôle dans l’organisation du jeton.' }),
    active: z.boolean().meta({ description: 'Faux si le compte de l’agent est désactivé.' }),
  })
  .meta({ id: 'Agent' });

export const agentListSchema = z.object({ agents: z.array(agentSchema) }).meta({ id: 'ListeAgents' });

export const agentParamsSchema = z.object({
  id: z.uuid({ message: 'Identifiant invalide : un UUID est attendu.' }),
});

export const agentListQuerySchema = z.object({
  active: z
    .enum(['true', 'false'], { message: 'Valeurs possibles : true ou false.' })
    .optional()
    .meta({ description: 'Ne garder que les agents actifs (true) ou désactivés (false).' }),
});

export const tokenFormSchema = z.object({
  name: requiredText('Donnez un nom au jeton, par exemple « Logiciel de suivi RSA ».', 100),
});

export const tokenFormLabels = { name: 'Nom du jeton' };
