import { z } from 'zod';

/**
 * Schemas of the booking engine's API (/api/v1/appointment-types, /slots, /appointments): they
 * validate the requests, shape the answers and are the OpenAPI document (/api/docs).
 * Instants are ISO 8601 with an offset (2030-03-04T10:00:00+01:00) and come back in UTC (…Z);
 * days are local days in Europe/Paris (YYYY-MM-DD).
 */

const uuid = (what: string) => z.uuid({ message: `${what} : un UUID est attendu.` });
const day = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} : une date AAAA-MM-JJ est attendue.`)
    .meta({ description: `${what}, jour local (Europe/Paris), AAAA-MM-JJ.`, example: '2030-03-04' });
const instant = (description: string) =>
  z.iso
    .datetime({
      offset: true,
      message: 'Date et heure ISO 8601 attendues, par exemple 2030-03-04T10:00:00+01:00.',
    })
    .meta({ description, example: '2030-03-04T10:00:00+01:00' });
const communeCode = z
  .string()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune attendu (5 caractères, par exemple 83126).');

const statuses = ['a_venir', 'vu', 'absent', 'excuse', 'annule'] as const;
const statusSchema = z.enum(statuses).meta({
  description: 'Statut de la participation : a_venir, vu, absent, excuse (excusé), annule (annulé).',
});

export const appointmentTypeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    category: z.string().nullable(),
    durationMinutes: z.number().int(),
    location: z.enum(['sur_place', 'telephone', 'visio', 'domicile']),
    bookableBy: z
      .enum(['agents', 'invited', 'everyone'])
      .meta({ description: 'Qui peut réserver : agents seulement, personnes invitées, tout le monde.' }),
    collective: z.boolean().meta({ description: 'Vrai pour un motif en séances collectives (places).' }),
    capacity: z.number().int().nullable().meta({ description: 'Places par séance (motifs collectifs).' }),
    followUpOnly: z
      .boolean()
      .meta({ description: 'Suivi : seuls les référents de la personne sont proposés.' }),
    minBookingDelayMinutes: z.number().int(),
    maxBookingDelayDays: z.number().int(),
    bufferMinutes: z.number().int(),
    changeLimitHours: z.number().int(),
    instructions: z.string().nullable(),
  })
  .meta({ id: 'Motif' });

export const appointmentTypeListSchema = z
  .object({ appointmentTypes: z.array(appointmentTypeSchema) })
  .meta({ id: 'ListeMotifs' });

export const slotsQuerySchema = z.object({
  appointmentType: uuid('appointmentType').meta({ description: 'Le motif.' }),
  commune: communeCode.optional().meta({
    description: 'Commune de la personne (code INSEE) : la sectorisation s’applique.',
  }),
  from: day('Premier jour'),
  to: day('Dernier jour (inclus, 31 jours au plus après le premier)'),
  place: uuid('place').optional().meta({ description: 'Un seul lieu.' }),
  agent: uuid('agent').optional().meta({ description: 'Un seul agent.' }),
});

const slotSchema = z
  .object({
    startsAt: z.string(),
    endsAt: z.string(),
    agentIds: z.array(z.uuid()).meta({ description: 'Les agents libres à ce moment.' }),
    appointmentId: z.uuid().optional().meta({ description: 'Séance collective à rejoindre.' }),
    seatsLeft: z.number().int().optional().meta({ description: 'Places restantes (séance collective).' }),
  })
  .meta({ id: 'Creneau' });

const placeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    communeCode: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    accessibilityNotes: z.string().nullable(),
  })
  .meta({ id: 'Lieu' });

export const slotsResultSchema = z
  .object({
    searched: z
      .object({ from: z.string(), to: z.string() })
      .nullable()
      .meta({ description: 'Les jours réellement cherchés, après les délais du motif (null : aucun).' }),
    places: z.array(
      z.object({
        place: placeSchema,
        days: z.array(z.object({ day: z.string(), slots: z.array(slotSchema) })),
      }),
    ),
  })
  .meta({ id: 'Creneaux' });

const citizenInputSchema = z.object({
  firstName: z.string().max(100).meta({ description: 'Prénom.' }),
  lastName: z.string().max(100).meta({ description: 'Nom.' }),
  phone: z
    .string()
    .max(40)
    .nullish()
    .meta({ description: 'Téléphone ; les numéros français sans indicatif sont acceptés.' }),
  email: z.string().max(254).nullish(),
  birthDate: day('Date de naissance').nullish(),
  address: z.string().max(500).nullish(),
  communeCode: communeCode.nullish(),
  externalRef: z.string().max(200).nullish().meta({
    description: 'Votre identifiant de la personne : elle est retrouvée par lui aux réservations suivantes.',
  }),
});

export const appointmentCreateSchema = z
  .object({
    appointmentTypeId: uuid('appointmentTypeId'),
    startsAt: instant('Début du créneau, tel que donné par /slots.'),
    placeId: uuid('placeId'),
    agentId: uuid('agentId').optional().meta({ description: 'Un agent précis (sinon le premier libre).' }),
    citizen: z.union([z.object({ id: uuid('citizen.id') }).strict(), citizenInputSchema]).meta({
      description: 'Une personne déjà connue ({ id }) ou ses coordonnées (retrouvée si déjà connue).',
    }),
    communeCode: communeCode
      .optional()
      .meta({ description: 'Commune de la personne : la sectorisation s’applique.' }),
    notes: z.string().max(2000).optional(),
  })
  .meta({ id: 'NouveauRendezVous' });

const historySchema = z.object({
  fromStatus: statusSchema.nullable(),
  toStatus: statusSchema,
  changedBy: z.enum(['agent', 'usager', 'systeme', 'api']),
  changedByAgentId: z.uuid().nullable(),
  changedAt: z.string(),
});

const participantSchema = z
  .object({
    id: z.uuid(),
    status: statusSchema,
    bookedVia: z.enum(['agent', 'public', 'invitation', 'api']),
    statusChangedAt: z.string(),
    citizen: z.object({
      id: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      externalRef: z.string().nullable(),
    }),
    history: z.array(historySchema).meta({ description: 'Chaque changement de statut : qui, quand.' }),
  })
  .meta({ id: 'Participation' });

export const appointmentSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    appointmentType: z.object({
      id: z.uuid(),
      name: z.string(),
      location: z.string(),
      collective: z.boolean(),
    }),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z
      .object({ id: z.uuid(), name: z.string(), address: z.string(), communeCode: z.string() })
      .nullable(),
    agent: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
    capacity: z.number().int(),
    cancelledAt: z.string().nullable(),
    createdAt: z.string(),
    participants: z.array(participantSchema),
  })
  .meta({ id: 'RendezVous' });

export const appointmentParamsSchema = z.object({ id: uuid('id') });

export const appointmentPatchSchema = z
  .object({
    participantId: uuid('participantId')
      .optional()
      .meta({ description: 'La participation visée ; facultatif quand le rendez-vous n’en a qu’une.' }),
    status: statusSchema.optional().meta({
      description:
        'Nouveau statut. « annule » annule (seulement un rendez-vous à venir) ; vu et absent une fois commencé.',
    }),
    startsAt: instant('Déplacer à ce début (créneau donné par /slots).').optional(),
    placeId: uuid('placeId').optional().meta({ description: 'Lieu du déplacement (par défaut le même).' }),
    agentId: uuid('agentId')
      .optional()
      .meta({ description: 'Agent du déplacement (par défaut le premier libre).' }),
  })
  .meta({ id: 'ModificationRendezVous' });

export const conflictSchema = z
  .object({
    error: z.literal('conflict'),
    message: z.string(),
    fields: z.record(z.string(), z.string()),
    next: z
      .array(
        z.object({
          startsAt: z.string(),
          endsAt: z.string(),
          placeId: z.uuid(),
          placeName: z.string(),
          agentIds: z.array(z.uuid()),
        }),
      )
      .optional()
      .meta({ description: 'Les créneaux suivants, quand celui demandé vient d’être pris.' }),
  })
  .meta({ id: 'Conflit' });
