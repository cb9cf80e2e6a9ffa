import { z } from 'zod';
import type { FormState } from '../../web/components.tsx';
import { fieldErrors, type ParsedForm, requiredText } from '../../web/forms.ts';
import { resolveCommune } from './communes.ts';
import { isValidDay, minutesOf } from './recurrence.ts';

/**
 * The settings forms. Each schema checks the posted form, mirrors the CHECK constraints of the
 * scheduling tables (tables.ts) with a French message on the field concerned, and names its labels
 * for the error summary. A value the database would refuse (SQLSTATE 23514) is stopped here.
 */

/**
 * Like web/forms.ts parseForm, but the fields listed in `arrayFields` (checkbox groups) keep every
 * posted value. To show the form again, a group's values are joined with commas.
 */
export function parseSettingsForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  arrayFields: string[] = [],
): ParsedForm<z.output<S>> {
  const raw: Record<string, string | string[]> = {};
  const shown: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === '_csrf') continue;
      const list = (Array.isArray(value) ? value : [value]).map((v) => String(v ?? ''));
      raw[key] = arrayFields.includes(key) ? list : (list.at(-1) ?? '');
      shown[key] = arrayFields.includes(key) ? list.join(',') : (list.at(-1) ?? '');
    }
  }
  for (const key of arrayFields) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, form: { values: shown, errors: fieldErrors(result.error) } satisfies FormState };
}

/**
 * Runs a check of several fields only when those fields are valid themselves, so that every other
 * message of the form still shows at once (a zod refinement otherwise waits for the whole object).
 */
const whenValid =
  (...fields: string[]) =>
  (payload: { issues: { path?: PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));

/** A period's last day (none: no end) is its first day or after (opening slots, absences). */
function lastDayCheck(v: { firstDay: string; lastDay: string | null }, ctx: z.RefinementCtx): void {
  if (v.lastDay !== null && v.lastDay < v.firstDay) {
    ctx.addIssue({
      code: 'custom',
      path: ['lastDay'],
      message: 'Le dernier jour doit être le premier jour ou après.',
    });
  }
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce texte est trop long (${max} caractères au plus).`)
    .optional()
    .transform((v) => v || null);

/** A whole number typed in a form, within bounds, with the bounds in the message. */
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string({ message: `Saisissez ${what}.` })
    .trim()
    .min(1, `Saisissez ${what}.`)
    .regex(/^\d+$/, `Saisissez un nombre entier entre ${min} et ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Saisissez un nombre entier entre ${min} et ${max}.`);

/** A decimal number typed the French way (« 0,5 ») or the English way. */
const decimal = (message: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(',', '.'))
    .refine((v) => /^-?\d+(\.\d+)?$/.test(v), message)
    .transform(Number);

/** A checkbox: present (« on ») when ticked. */
const checkbox = z
  .string()
  .optional()
  .transform((v) => v !== undefined && v !== '');

/** A day from a date field ('2027-01-05'), or typed by hand where the browser has no date picker (05/01/2027). */
export function normaliseDay(value: string): string {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (french) return `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
  return value.trim();
}

const dayField = (missing: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .transform(normaliseDay)
    .refine(isValidDay, 'Saisissez une date valide, par exemple 05/01/2027.');

const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? normaliseDay(v) : null))
  .refine((v) => v === null || isValidDay(v), 'Saisissez une date valide, par exemple 05/01/2027.');

/** A time of day ('09:30' from a time field, or typed: « 9h30 », « 9 h »), as 'HH:MM'. */
export function normaliseTime(value: string): string | null {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(value.trim()) ?? /^(\d{1,2})$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const timeField = (missing: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .transform((v, ctx) => {
      const time = normaliseTime(v);
      if (time === null) {
        ctx.addIssue({ code: 'custom', message: 'Saisissez une heure valide, par exemple 09:30.' });
        return z.NEVER;
      }
      return time;
    });

const optionalTime = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const time = normaliseTime(v);
    if (time === null) {
      ctx.addIssue({ code: 'custom', message: 'Saisissez une heure valide, par exemple 09:30.' });
      return z.NEVER;
    }
    return time;
  });

const weekdaysField = z
  .array(z.string())
  .transform((values) => [...new Set(values.map(Number))].sort((a, b) => a - b))
  .refine(
    (days) => days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7),
    'Choisissez des jours de la semaine.',
  );

const everyWeeksField = wholeNumber(1, 8, 'le nombre de semaines entre deux répétitions');

// Places

const coordinate = (limit: number, example: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v.replace(',', '.'));
      if (!/^-?\d+([.,]\d+)?$/.test(v) || Math.abs(n) > limit) {
        ctx.addIssue({
          code: 'custom',
          message: `Saisissez un nombre décimal entre -${limit} et ${limit}, par exemple ${example}.`,
        });
        return z.NEVER;
      }
      return n;
    });

export const placeForm = z
  .object({
    name: requiredText('Saisissez le nom du lieu.', 150),
    address: requiredText('Saisissez l’adresse du lieu.', 300),
    commune: requiredText('Saisissez la commune du lieu (nom, code postal ou code INSEE).', 100),
    /** The commune chosen among several that matched what was typed. */
    communeCode: z
      .string()
      .trim()
      .max(10)
      .optional()
      .transform((v) => v || null),
    latitude: coordinate(90, '43,1025'),
    longitude: coordinate(180, '5,8795'),
    phone: z
      .string()
      .trim()
      .max(30, 'Ce numéro est trop long.')
      .optional()
      .refine(
        (v) => !v || /^\+?[0-9][0-9 .-]{7,18}[0-9]$/.test(v),
        'Saisissez un numéro de téléphone valide, par exemple 04 94 00 00 00.',
      )
      .transform((v) => v || null),
    accessibilityNotes: optionalText(1000),
  })
  .superRefine(
    (v, ctx) => {
      // The table's places_coordinates_together: both or neither.
      if ((v.latitude === null) !== (v.longitude === null)) {
        ctx.addIssue({
          code: 'custom',
          path: [v.latitude === null ? 'latitude' : 'longitude'],
          message: 'Saisissez la latitude et la longitude, ou aucune des deux.',
        });
      }
    },
    { when: whenValid('latitude', 'longitude') },
  )
  .superRefine(
    (v, ctx) => {
      // Checked here too (the service checks again), so that an unknown or ambiguous commune shows
      // with the form's other mistakes.
      const resolved = resolveCommune(v.commune, v.communeCode);
      if (!resolved.ok) ctx.addIssue({ code: 'custom', path: ['commune'], message: resolved.message });
    },
    { when: whenValid('commune', 'communeCode') },
  );
export type PlaceInput = z.output<typeof placeForm>;
export const placeLabels = {
  name: 'Nom du lieu',
  address: 'Adresse',
  commune: 'Commune',
  communeCode: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  phone: 'Téléphone',
  accessibilityNotes: 'Accessibilité',
};

// Appointment types

export const locationKinds = ['sur_place', 'telephone', 'visio', 'domicile'] as const;
export const bookableByValues = ['agents', 'invited', 'everyone'] as const;
export const bookableByLabels: Record<(typeof bookableByValues)[number], string> = {
  agents: 'Les agents seulement',
  invited: 'Les personnes invitées (lien d’invitation) et les agents',
  everyone: 'Tout le monde, sur la page publique de prise de rendez-vous',
};

export const appointmentTypeForm = z
  .object({
    name: requiredText('Saisissez le nom du motif.', 150),
    category: optionalText(100),
    durationMinutes: wholeNumber(5, 480, 'la durée en minutes'),
    location: z.enum(locationKinds, { message: 'Choisissez où se tient le rendez-vous.' }),
    minBookingDelayHours: decimal(
      'Saisissez un nombre d’heures, par exemple 24 (ou 0,5 pour une demi-heure).',
    ).refine((n) => n >= 0, 'Le délai minimal ne peut pas être négatif.'),
    maxBookingDelayDays: wholeNumber(1, 366, 'le délai maximal en jours'),
    bookableBy: z.enum(bookableByValues, { message: 'Choisissez qui peut prendre ce rendez-vous.' }),
    collective: z.enum(['individuel', 'collectif'], { message: 'Choisissez individuel ou collectif.' }),
    capacity: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 2 && Number(v) <= 500), {
        message: 'Saisissez un nombre de places entre 2 et 500.',
      }),
    followUpOnly: checkbox,
    bufferMinutes: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || '0')
      .pipe(wholeNumber(0, 240, 'le temps de battement en minutes')),
    instructions: optionalText(2000),
    changeLimitHours: wholeNumber(0, 720, 'le nombre d’heures'),
  })
  .superRefine(
    (v, ctx) => {
      // appointment_types_delays: the minimum delay is shorter than the maximum.
      if (Math.round(v.minBookingDelayHours * 60) >= v.maxBookingDelayDays * 1440) {
        ctx.addIssue({
          code: 'custom',
          path: ['minBookingDelayHours'],
          message: `Le délai minimal doit être plus court que le délai maximal (${v.maxBookingDelayDays} jour${v.maxBookingDelayDays > 1 ? 's' : ''}).`,
        });
      }
    },
    { when: whenValid('minBookingDelayHours', 'maxBookingDelayDays') },
  )
  .superRefine(
    (v, ctx) => {
      // appointment_types_capacity: a collective type has 2 to 500 seats.
      if (v.collective === 'collectif' && !v.capacity) {
        ctx.addIssue({
          code: 'custom',
          path: ['capacity'],
          message: 'Saisissez le nombre de places d’un rendez-vous collectif.',
        });
      }
    },
    { when: whenValid('collective', 'capacity') },
  )
  .transform(({ minBookingDelayHours, collective, capacity, ...rest }) => ({
    ...rest,
    minBookingDelayMinutes: Math.round(minBookingDelayHours * 60),
    collective: collective === 'collectif',
    // An individual type has no capacity (the column must be null), whatever was left in the field.
    capacity: collective === 'collectif' ? Number(capacity) : null,
  }));
export type AppointmentTypeInput = z.output<typeof appointmentTypeForm>;
export const appointmentTypeLabels = {
  name: 'Nom du motif',
  category: 'Catégorie',
  durationMinutes: 'Durée',
  location: 'Lieu du rendez-vous',
  minBookingDelayHours: 'Délai minimal',
  maxBookingDelayDays: 'Délai maximal',
  bookableBy: 'Qui peut prendre rendez-vous',
  collective: 'Type de rendez-vous',
  capacity: 'Nombre de places',
  followUpOnly: 'Suivi',
  bufferMinutes: 'Temps de battement',
  instructions: 'Informations pour la personne',
  changeLimitHours: 'Modification par la personne',
};

// Opening slots

export const openingSlotForm = z
  .object({
    agentId: requiredText('Choisissez l’agent.', 40),
    placeId: requiredText('Choisissez le lieu.', 40),
    title: optionalText(100),
    weekdays: weekdaysField.refine((d) => d.length > 0, 'Cochez au moins un jour de la semaine.'),
    startTime: timeField('Saisissez l’heure de début.'),
    endTime: timeField('Saisissez l’heure de fin.'),
    firstDay: dayField('Saisissez le premier jour.'),
    lastDay: optionalDay,
    everyWeeks: everyWeeksField,
    openOnHolidays: checkbox,
    appointmentTypeIds: z
      .array(z.string().max(40))
      .transform((ids) => [...new Set(ids.filter(Boolean))])
      .refine((ids) => ids.length > 0, 'Cochez au moins un motif proposé pendant cette plage.'),
  })
  .superRefine(
    (v, ctx) => {
      if (minutesOf(v.endTime) <= minutesOf(v.startTime)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endTime'],
          message: 'L’heure de fin doit être après l’heure de début.',
        });
      }
    },
    { when: whenValid('startTime', 'endTime') },
  )
  .superRefine(lastDayCheck, { when: whenValid('firstDay', 'lastDay') });
export type OpeningSlotInput = z.output<typeof openingSlotForm>;
export const openingSlotArrayFields = ['weekdays', 'appointmentTypeIds'];
export const openingSlotLabels = {
  agentId: 'Agent',
  placeId: 'Lieu',
  title: 'Intitulé',
  weekdays: 'Jours',
  startTime: 'Heure de début',
  endTime: 'Heure de fin',
  firstDay: 'Premier jour',
  lastDay: 'Dernier jour',
  everyWeeks: 'Répétition',
  openOnHolidays: 'Jours fériés',
  appointmentTypeIds: 'Motifs',
};

// Absences

export const absenceForm = z
  .object({
    agentId: requiredText('Choisissez l’agent.', 40),
    title: requiredText('Saisissez un intitulé, par exemple « Congés » ou « Formation ».', 150),
    repetition: z.enum(['ponctuelle', 'hebdomadaire'], {
      message: 'Choisissez si l’absence est ponctuelle ou se répète chaque semaine.',
    }),
    firstDay: dayField('Saisissez le premier jour de l’absence.'),
    startTime: optionalTime,
    lastDay: optionalDay,
    endTime: optionalTime,
    weekdays: weekdaysField,
    everyWeeks: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || '1')
      .pipe(everyWeeksField),
  })
  .superRefine(lastDayCheck, { when: whenValid('firstDay', 'lastDay') })
  .superRefine(
    (v, ctx) => {
      if (v.repetition === 'ponctuelle') {
        // absences_one_off_has_end: on a single day, the end comes after the start.
        const sameDay = v.lastDay === null || v.lastDay === v.firstDay;
        const start = v.startTime ?? '00:00';
        const end = v.endTime ?? '24:00';
        if (sameDay && minutesOf(end) <= minutesOf(start)) {
          ctx.addIssue({
            code: 'custom',
            path: ['endTime'],
            message: 'La fin de l’absence doit être après son début.',
          });
        }
        return;
      }
      // absences_recurring_times: weekdays, and times in order.
      if (v.weekdays.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['weekdays'],
          message: 'Cochez au moins un jour de la semaine pour une absence qui se répète.',
        });
      }
      if (v.startTime === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['startTime'],
          message: 'Saisissez l’heure de début de chaque absence.',
        });
      }
      if (v.endTime === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['endTime'],
          message: 'Saisissez l’heure de fin de chaque absence.',
        });
      }
      if (v.startTime !== null && v.endTime !== null && minutesOf(v.endTime) <= minutesOf(v.startTime)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endTime'],
          message: 'L’heure de fin doit être après l’heure de début.',
        });
      }
    },
    { when: whenValid('repetition', 'firstDay', 'lastDay', 'startTime', 'endTime', 'weekdays') },
  )
  .transform((v) => {
    const oneOff = v.repetition === 'ponctuelle';
    return {
      agentId: v.agentId,
      title: v.title,
      firstDay: v.firstDay,
      // A one-off absence without a last day ends the same day; without times it covers whole days.
      lastDay: oneOff ? (v.lastDay ?? v.firstDay) : v.lastDay,
      startTime: v.startTime ?? '00:00',
      endTime: v.endTime ?? '24:00',
      weekdays: oneOff ? null : v.weekdays,
      everyWeeks: oneOff ? 1 : v.everyWeeks,
    };
  });
export type AbsenceInput = z.output<typeof absenceForm>;
export const absenceArrayFields = ['weekdays'];
export const absenceLabels = {
  agentId: 'Agent',
  title: 'Intitulé',
  repetition: 'Répétition',
  firstDay: 'Premier jour',
  startTime: 'Heure de début',
  lastDay: 'Dernier jour',
  endTime: 'Heure de fin',
  weekdays: 'Jours',
  everyWeeks: 'Toutes les',
};

// Sectorisation

export const sectorAgentsArrayFields = ['agentIds'];
export const sectorAgentsForm = z.object({
  agentIds: z.array(z.string().max(40)).transform((ids) => [...new Set(ids.filter(Boolean))]),
});
