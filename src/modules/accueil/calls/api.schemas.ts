import { z } from 'zod';
import { OUTCOMES } from '../flow/types.ts';

const instant = z.iso.datetime({
  offset: true,
  message: 'date ISO 8601 attendue, par exemple 2026-11-26T09:00:00+01:00',
});

export const callListQuerySchema = z.object({
  du: instant.optional().meta({ description: 'Appels commencés à partir de cet instant.' }),
  au: instant.optional().meta({ description: 'Appels commencés avant cet instant.' }),
  issue: z
    .enum([...OUTCOMES, 'perdu'])
    .optional()
    .meta({ description: 'Seulement les appels de cette issue ; « perdu » : terminés sans issue.' }),
  avant: instant
    .optional()
    .meta({ description: 'Page suivante : les appels commencés avant le dernier de la page précédente.' }),
  limite: z.coerce.number().int().min(1).max(500).default(100),
});

const callSchema = z
  .object({
    id: z.uuid(),
    ligne: z.object({ numero: z.string(), nom: z.string() }),
    canal: z.enum(['sip', 'webhook']),
    appelant: z
      .string()
      .nullable()
      .meta({ description: 'Numéro E.164 ; null s’il était masqué ou a été effacé.' }),
    debut: z.string(),
    fin: z.string().nullable().meta({ description: 'null tant que l’appel est en cours.' }),
    service: z.string().nullable(),
    parcours: z.array(z.string()).meta({ description: 'Menus traversés, touches tapées, service choisi.' }),
    issue: z.enum(OUTCOMES).nullable(),
    perdu: z.boolean().meta({ description: 'Terminé sans aucune issue enregistrée.' }),
  })
  .meta({ id: 'Appel' });

export const callListSchema = z.object({ appels: z.array(callSchema) });
export type CallJson = z.infer<typeof callSchema>;
