import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agents, organisations } from '../tenancy/tables.ts';

/**
 * The booking engine's records (see README « Rendez-vous »). Times of day and dates are local to
 * Europe/Paris (opening slots, absences); instants are UTC timestamptz (appointments). The exclusion
 * constraint that makes double booking impossible is written by hand in the migration
 * (0005_scheduling.sql): drizzle-kit does not know exclusion constraints.
 */

export const locationKind = pgEnum('appointment_location', ['sur_place', 'telephone', 'visio', 'domicile']);
/** Who may book an appointment type: agents only, people holding an invitation link, or anyone. */
export const bookableBy = pgEnum('appointment_bookable_by', ['agents', 'invited', 'everyone']);
export const participationStatus = pgEnum('participation_status', [
  'a_venir',
  'vu',
  'absent',
  'excuse',
  'annule',
]);
/** How a booking was made: by an agent, on the public pages, from an invitation link, or by the API. */
export const bookingChannel = pgEnum('booking_channel', ['agent', 'public', 'invitation', 'api']);

/** A lieu: where appointments take place. Coordinates (WGS 84) order places nearest first. */
export const places = pgTable(
  'places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    communeCode: text('commune_code').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    phone: text('phone'),
    accessibilityNotes: text('accessibility_notes'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('places_organisation_idx').on(t.organisationId),
    check('places_coordinates_together', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
  ],
);

/** A motif. Delays: the earliest bookable start is now + min, the latest now + max days. */
export const appointmentTypes = pgTable(
  'appointment_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    category: text('category'),
    durationMinutes: smallint('duration_minutes').notNull(),
    location: locationKind('location').notNull().default('sur_place'),
    minBookingDelayMinutes: integer('min_booking_delay_minutes').notNull().default(30),
    maxBookingDelayDays: smallint('max_booking_delay_days').notNull().default(90),
    bookableBy: bookableBy('bookable_by').notNull().default('agents'),
    /** Collective: agents open sessions (appointments) of `capacity` seats; people take seats. */
    collective: boolean('collective').notNull().default(false),
    capacity: smallint('capacity'),
    /** Follow-up: only the person's own référents (citizen_referents) are offered. */
    followUpOnly: boolean('follow_up_only').notNull().default(false),
    bufferMinutes: smallint('buffer_minutes').notNull().default(0),
    instructions: text('instructions'),
    /** The person may cancel or move the appointment from their link until this many hours before. */
    changeLimitHours: smallint('change_limit_hours').notNull().default(24),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointment_types_organisation_idx').on(t.organisationId),
    check('appointment_types_duration', sql`${t.durationMinutes} between 5 and 480`),
    check('appointment_types_buffer', sql`${t.bufferMinutes} between 0 and 240`),
    check(
      'appointment_types_delays',
      sql`${t.minBookingDelayMinutes} >= 0 and ${t.maxBookingDelayDays} between 1 and 366 and ${t.minBookingDelayMinutes} < ${t.maxBookingDelayDays} * 1440`,
    ),
    check(
      'appointment_types_capacity',
      sql`(${t.collective} and ${t.capacity} between 2 and 500) or (not ${t.collective} and ${t.capacity} is null)`,
    ),
  ],
);

/**
 * A plage d'ouverture: an agent receives at a place on some weekdays between two local times, from a
 * first day to an optional last day, every week or every N weeks (counted from the first day's week).
 * Weekdays are ISO numbers: 1 = Monday … 7 = Sunday.
 */
export const openingSlots = pgTable(
  'opening_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    title: text('title'),
    weekdays: smallint('weekdays').array().notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    firstDay: date('first_day').notNull(),
    lastDay: date('last_day'),
    everyWeeks: smallint('every_weeks').notNull().default(1),
    /** Opening slots are closed on public holidays unless this is set. */
    openOnHolidays: boolean('open_on_holidays').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('opening_slots_agent_idx').on(t.agentId),
    index('opening_slots_place_idx').on(t.placeId),
    index('opening_slots_organisation_days_idx').on(t.organisationId, t.firstDay, t.lastDay),
    check('opening_slots_times', sql`${t.startTime} < ${t.endTime}`),
    check('opening_slots_days', sql`${t.lastDay} is null or ${t.lastDay} >= ${t.firstDay}`),
    check('opening_slots_every_weeks', sql`${t.everyWeeks} between 1 and 8`),
    check(
      'opening_slots_weekdays',
      sql`cardinality(${t.weekdays}) between 1 and 7 and ${t.weekdays} <@ array[1,2,3,4,5,6,7]::smallint[]`,
    ),
  ],
);

/** The appointment types an opening slot offers. */
export const openingSlotTypes = pgTable(
  'opening_slot_types',
  {
    openingSlotId: uuid('opening_slot_id')
      .notNull()
      .references(() => openingSlots.id, { onDelete: 'cascade' }),
    appointmentTypeId: uuid('appointment_type_id')
      .notNull()
      .references(() => appointmentTypes.id),
  },
  (t) => [
    primaryKey({ columns: [t.openingSlotId, t.appointmentTypeId] }),
    index('opening_slot_types_type_idx').on(t.appointmentTypeId),
  ],
);

/**
 * An agent's absence. Without weekdays it is one stretch of time, from firstDay at startTime to lastDay
 * at endTime (a holiday, a training). With weekdays it recurs on those days between startTime and
 * endTime, from firstDay to lastDay (or for ever), every N weeks.
 */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    title: text('title').notNull(),
    firstDay: date('first_day').notNull(),
    lastDay: date('last_day'),
    startTime: time('start_time').notNull().default('00:00'),
    endTime: time('end_time').notNull().default('24:00'),
    weekdays: smallint('weekdays').array(),
    everyWeeks: smallint('every_weeks').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('absences_agent_days_idx').on(t.agentId, t.firstDay, t.lastDay),
    check('absences_days', sql`${t.lastDay} is null or ${t.lastDay} >= ${t.firstDay}`),
    check(
      'absences_one_off_has_end',
      sql`${t.weekdays} is not null or (${t.lastDay} is not null and (${t.lastDay} > ${t.firstDay} or ${t.startTime} < ${t.endTime}))`,
    ),
    check(
      'absences_recurring_times',
      sql`${t.weekdays} is null or (${t.startTime} < ${t.endTime} and cardinality(${t.weekdays}) between 1 and 7 and ${t.weekdays} <@ array[1,2,3,4,5,6,7]::smallint[])`,
    ),
    check('absences_every_weeks', sql`${t.everyWeeks} between 1 and 8`),
  ],
);

/**
 * Sectorisation: which organisation serves a commune (INSEE code) and, optionally, which of its agents.
 * A row without agent attaches the commune to the organisation; rows with an agent narrow it.
 */
export const sectorCommunes = pgTable(
  'sector_communes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    communeCode: text('commune_code').notNull(),
    agentId: uuid('agent_id').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sector_communes_commune_idx').on(t.communeCode),
    uniqueIndex('sector_communes_key').on(
      t.organisationId,
      t.communeCode,
      sql`coalesce(${t.agentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/**
 * A usager as an organisation knows them. Modules (rsa, accueil…) keep their own record and point at
 * this one; `externalRef` ("rsa:<id>") lets them find it again. Phone numbers are stored in E.164.
 */
export const citizens = pgTable(
  'citizens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    communeCode: text('commune_code'),
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('citizens_organisation_name_idx').on(t.organisationId, sql`lower(${t.lastName})`),
    index('citizens_phone_idx').on(t.phone),
    uniqueIndex('citizens_external_ref_key').on(t.organisationId, t.externalRef),
  ],
);

/** A person's référents: the only agents offered for appointment types marked follow-up only. */
export const citizenReferents = pgTable(
  'citizen_referents',
  {
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
  },
  (t) => [
    primaryKey({ columns: [t.citizenId, t.agentId] }),
    index('citizen_referents_agent_idx').on(t.agentId),
  ],
);

/**
 * A rendez-vous: an agent's time from startsAt to endsAt, blocked until blockedUntil (endsAt plus the
 * type's buffer). Individual appointments have one participant; collective ones up to `capacity`.
 * A cancelled appointment keeps its row and frees the agent's time (the exclusion constraint only
 * covers appointments not cancelled).
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    appointmentTypeId: uuid('appointment_type_id')
      .notNull()
      .references(() => appointmentTypes.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    placeId: uuid('place_id').references(() => places.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
    capacity: smallint('capacity').notNull().default(1),
    notes: text('notes'),
    createdByAgentId: uuid('created_by_agent_id').references(() => agents.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_organisation_starts_idx').on(t.organisationId, t.startsAt),
    index('appointments_place_starts_idx').on(t.placeId, t.startsAt),
    index('appointments_type_starts_idx').on(t.appointmentTypeId, t.startsAt),
    check('appointments_times', sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.blockedUntil}`),
    check('appointments_capacity', sql`${t.capacity} between 1 and 500`),
  ],
);

/** One person's seat in an appointment, with its status (à venir, vu, absent, excusé, annulé). */
export const appointmentParticipants = pgTable(
  'appointment_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    status: participationStatus('status').notNull().default('a_venir'),
    bookedVia: bookingChannel('booked_via').notNull(),
    bookedByAgentId: uuid('booked_by_agent_id').references(() => agents.id),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the person changed it themselves (from their link) or the system did. */
    statusChangedByAgentId: uuid('status_changed_by_agent_id').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appointment_participants_key').on(t.appointmentId, t.citizenId),
    index('appointment_participants_citizen_idx').on(t.citizenId),
  ],
);

/** Every status a participation went through: who changed it (agent, the person, the system) and when. */
export const participationStatusChanges = pgTable(
  'participation_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => appointmentParticipants.id),
    fromStatus: participationStatus('from_status'),
    toStatus: participationStatus('to_status').notNull(),
    changedByAgentId: uuid('changed_by_agent_id').references(() => agents.id),
    /** 'agent', 'usager', 'systeme' or 'api'. */
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('participation_status_changes_participant_idx').on(t.participantId, t.changedAt)],
);

/** An agent's private calendar feed: /agenda/<token>.ics; only the token's hash is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_feeds_agent_idx').on(t.agentId)],
);

/** An organisation's webhook: appointment events are POSTed there, signed with HMAC-SHA256 of `secret`. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_organisation_idx').on(t.organisationId)],
);

/** One event for one endpoint; the job queue retries it until it is delivered or given up. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastStatusCode: integer('last_status_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    check('webhook_deliveries_status', sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);
