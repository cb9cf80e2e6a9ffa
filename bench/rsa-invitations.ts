import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { count, eq } from 'drizzle-orm';
import { createFreshDatabase, isReachable } from '../e2e/postgres.ts';
import { ORIENTATION_CATEGORY } from '../src/modules/rsa/appointment-sync.ts';
import { rsaModule } from '../src/modules/rsa/index.ts';
import { inviteBeneficiaries } from '../src/modules/rsa/invitations/invite.service.ts';
import { beneficiaries, invitations } from '../src/modules/rsa/tables.ts';
import { assemblePlatform, closePlatform } from '../src/platform/assemble.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Database, type Db, openPglite, openPostgres } from '../src/platform/db/client.ts';
import { outboxMessages } from '../src/platform/messaging/tables.ts';
import {
  newAppointmentType,
  newOpeningSlot,
  newPlace,
  newSectorCommune,
} from '../src/platform/scheduling/testing.ts';
import type { Caller } from '../src/platform/tenancy/caller.ts';
import { newAgent, newOrganisation, newTerritory } from '../src/platform/testing/factories.ts';
import { watchPeakRss } from './rss.ts';
import { formatTable } from './table.ts';

/**
 * `npm run bench -- rsa-invitations`: BENCH_INVITATIONS (default 10,000) beneficiaries of a
 * département invited in one bulk call (inviteBeneficiaries, channel « auto »), on PGlite and on a
 * fresh PostgreSQL (created beside the administrative URL, dropped after). The dataset: 4 UTS with
 * 3 agents each receiving on weekdays for the « Orientation RSA » type, 10 sectorised communes each,
 * and a fifth UTS with no opening at all (its people are held back: the no-slot rule); people reached
 * by SMS (60 %), email (30 %) or letter (10 %). Nothing is delivered: the figure is the enqueueing
 * (invitation rows, outbox messages and their delivery jobs, statuses, audit lines, in transactions).
 * Figures: wall time, messages enqueued per second, this process's peak RSS. Asserts nothing.
 * BENCH_DATABASES=pglite (or postgres) measures one database only.
 */
const total = Number(process.env.BENCH_INVITATIONS ?? 10_000);
const databases = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const WITH_SLOTS = 4;
const COMMUNES_PER_UTS = 10;

type Row = {
  database: string;
  people: number;
  invited: number;
  held: number;
  seconds: number;
  queued: number;
  peakRssMb: number;
};

export async function benchRsaInvitations(postgresAdminUrl: string): Promise<void> {
  console.log(`\nTremplin bench invitations RSA — Node ${process.version}, ${total} bénéficiaires`);
  const load = loadavg()[0]!;
  console.log(`${availableParallelism()} cœurs, charge moyenne (1 min) ${load.toFixed(1)} avant la mesure`);
  if (load > availableParallelism() / 2)
    console.log('Attention : machine déjà chargée, chiffres peu fiables.');
  const rows: Row[] = [];
  if (databases.includes('pglite')) {
    const pglite = await openPglite(undefined);
    try {
      await pglite.migrate();
      rows.push(await benchDatabase('PGlite', pglite));
    } finally {
      await pglite.close();
    }
  }
  if (databases.includes('postgres')) {
    if (await isReachable(postgresAdminUrl)) {
      const fresh = await createFreshDatabase(postgresAdminUrl, 'tremplin_bench');
      const postgres = await openPostgres(fresh.url, 10);
      try {
        await postgres.migrate();
        rows.push(await benchDatabase('PostgreSQL', postgres));
      } finally {
        await postgres.close();
        await fresh.drop();
      }
    } else {
      console.log(
        `PostgreSQL injoignable sur ${postgresAdminUrl.replace(/:[^:@/]*@/, ':***@')} : mesure ignorée.`,
      );
    }
  }
  console.log(
    `\n${formatTable(
      [
        'database',
        'people',
        'invited',
        'held (no slot)',
        'wall s',
        'messages queued',
        'queued/s',
        'peak RSS MB',
      ],
      rows.map((r) => [
        r.database,
        String(r.people),
        String(r.invited),
        String(r.held),
        r.seconds.toFixed(1),
        String(r.queued),
        (r.queued / r.seconds).toFixed(0),
        r.peakRssMb.toFixed(0),
      ]),
    )}\n`,
  );
}

async function benchDatabase(name: string, database: Database): Promise<Row> {
  const config = loadConfig({
    NODE_ENV: 'test',
    BASE_URL: 'https://tremplin.bench.localhost',
    SECRET_KEY: randomBytes(32).toString('base64url'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  const platform = await assemblePlatform(config, database, [rsaModule]);
  try {
    console.log(`  ${name} : génération du jeu de données…`);
    const { ids, caller } = await generate(database.db, total);
    console.log(`  ${name} : invitation de ${ids.length} personnes…`);
    const memory = watchPeakRss(process.pid);
    const started = performance.now();
    const result = await inviteBeneficiaries(platform, caller, ids, { channel: 'auto' });
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = memory.stop();
    const [queued] = await database.db.select({ n: count() }).from(outboxMessages);
    const [rows] = await database.db
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.kind, 'invitation'));
    const held = result.noSlotOrganisations.reduce((sum, o) => sum + o.held, 0);
    console.log(
      `  ${name} : ${result.invited.length} invitées (${rows!.n} lignes), ${held} retenues faute de créneau, ${result.skipped.length - held} autres non invitées, ${seconds.toFixed(1)} s`,
    );
    return {
      database: name,
      people: ids.length,
      invited: result.invited.length,
      held,
      seconds,
      queued: queued!.n,
      peakRssMb,
    };
  } finally {
    await closePlatform(platform, { keepDatabase: true });
  }
}

/** The département, its UTS and their openings, an operator, and `n` beneficiaries spread over them. */
async function generate(db: Db, n: number): Promise<{ ids: string[]; caller: Caller }> {
  const territory = await newTerritory(db, { name: 'Département du Var (banc)' });
  const sectors: { organisationId: string; communes: string[] }[] = [];
  for (let u = 0; u <= WITH_SLOTS; u++) {
    const organisation = await newOrganisation(db, {
      territoryId: territory.id,
      kind: 'uts',
      name: `UTS ${u + 1}`,
    });
    const communes = Array.from(
      { length: COMMUNES_PER_UTS },
      (_, c) => `83${String(u * 20 + c + 1).padStart(3, '0')}`,
    );
    const place = await newPlace(db, {
      organisationId: organisation.id,
      communeCode: communes[0]!,
      phone: '04 94 00 00 00',
    });
    const type = await newAppointmentType(db, {
      organisationId: organisation.id,
      name: 'Premier entretien d’orientation RSA',
      category: ORIENTATION_CATEGORY,
      bookableBy: 'invited',
      durationMinutes: 45,
      minBookingDelayMinutes: 60,
    });
    if (u < WITH_SLOTS) {
      for (let a = 0; a < 3; a++) {
        const agent = await newAgent(db, {
          memberships: [{ organisationId: organisation.id, role: 'agent' }],
        });
        await newOpeningSlot(db, {
          organisationId: organisation.id,
          agentId: agent.id,
          placeId: place.id,
          startTime: '09:00',
          endTime: '17:00',
          appointmentTypeIds: [type.id],
        });
      }
    } else {
      await newAgent(db, { memberships: [{ organisationId: organisation.id, role: 'admin' }] });
    }
    for (const communeCode of communes)
      await newSectorCommune(db, { organisationId: organisation.id, communeCode });
    sectors.push({ organisationId: organisation.id, communes });
  }
  const ids: string[] = [];
  const CHUNK = 1000;
  for (let start = 0; start < n; start += CHUNK) {
    const values = Array.from({ length: Math.min(CHUNK, n - start) }, (_, k) => {
      const i = start + k;
      // The UTS without openings gets 5 % of the people, the others share the rest.
      const sector = i % 20 === 0 ? sectors[WITH_SLOTS]! : sectors[i % WITH_SLOTS]!;
      const commune = sector.communes[i % COMMUNES_PER_UTS]!;
      const reach = i % 10;
      return {
        territoryId: territory.id,
        organisationId: sector.organisationId,
        allocataireNumber: String(1_000_000 + i),
        lastName: `Bénéficiaire ${i}`,
        firstName: 'Camille',
        birthDate: '1985-06-15',
        address: `${(i % 200) + 1} avenue de la République`,
        postalCode: `83${String(i % 1000).padStart(3, '0')}`,
        communeCode: commune,
        communeName: `Commune ${commune}`,
        phone: reach < 6 ? `+336${String(10_000_000 + i).slice(-8)}` : null,
        email: reach < 9 ? `camille.${i}@exemple.fr` : null,
        rightsOpenedOn: '2027-02-01',
      };
    });
    const inserted = await db.insert(beneficiaries).values(values).returning({ id: beneficiaries.id });
    ids.push(...inserted.map((r) => r.id));
  }
  const operator = await newAgent(db, { isOperator: true });
  const caller: Caller = {
    actor: {
      agentId: operator.id,
      email: operator.email,
      firstName: operator.firstName,
      lastName: operator.lastName,
      isOperator: true,
      memberships: [],
    },
    audit: {
      actorType: 'agent',
      actorId: operator.id,
      actorLabel: operator.email,
      ip: null,
      requestId: 'bench',
    },
  };
  return { ids, caller };
}
