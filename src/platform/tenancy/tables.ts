import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns.ts';

export const territoryKind = pgEnum('territory_kind', ['departement', 'epci', 'commune']);
export const organisationKind = pgEnum('organisation_kind', [
  'uts',
  'direction',
  'ccas',
  'service',
  'incubateur',
  'autre',
]);
export const membershipRole = pgEnum('membership_role', ['admin', 'agent', 'readonly']);

/**
 * A collectivité. `code` is the INSEE code (département, commune) or the SIREN (EPCI).
 *
 * Its logo lives in the database, not on a disk, so that every app instance serves it. The checks
 * repeat what logo.ts enforces (PNG, JPEG or WebP, 200 Ko at most, the three columns set together),
 * so no other path can store an SVG or a half-written logo. `logo_updated_at` versions its URL.
 */
export const territories = pgTable(
  'territories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    kind: territoryKind('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    logo: bytea('logo'),
    logoContentType: text('logo_content_type'),
    logoUpdatedAt: timestamp('logo_updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('territories_kind_code_key').on(t.kind, t.code),
    check(
      'territories_logo_all_or_nothing',
      sql`(${t.logo} is null) = (${t.logoContentType} is null) and (${t.logo} is null) = (${t.logoUpdatedAt} is null)`,
    ),
    check(
      'territories_logo_content_type',
      sql`${t.logoContentType} in ('image/png', 'image/jpeg', 'image/webp')`,
    ),
    check('territories_logo_size', sql`octet_length(${t.logo}) between 1 and 204800`),
  ],
);

/**
 * A service inside a territory (UTS, direction, CCAS…). The incubator that runs the programme for
 * several territories is an organisation with no territory.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').references(() => territories.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: organisationKind('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisations_territory_idx').on(t.territoryId)],
);

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Always stored lower-cased (see normaliseEmail). */
    email: text('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Platform operators (super-admins) manage every territory. */
    isOperator: boolean('is_operator').notNull().default(false),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agents_email_key').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: membershipRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.organisationId] }),
    index('memberships_organisation_idx').on(t.organisationId),
  ],
);
