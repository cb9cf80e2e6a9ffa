import { sql } from 'drizzle-orm';
import type { Db } from '../src/platform/db/client.ts';
import {
  addDays,
  dayNumber,
  localDay,
  localInstant,
  minutesOf,
} from '../src/platform/scheduling/slots/calendar.ts';
import { occursOn } from '../src/platform/scheduling/slots/recurrence.ts';
import {
  absences,
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizens,
  openingSlots,
  openingSlotTypes,
  places,
  sectorCommunes,
} from '../src/platform/scheduling/tables.ts';
import { agents, memberships, organisations, territories } from '../src/platform/tenancy/tables.ts';

/**
 * A département-scale booking dataset, the same for every run (seeded random numbers):
 * - one insertion service of the Var with 64 places in 40 communes (coordinates across the Var);
 * - 200 agents, each with two weekly opening slots over six months (three months before `now`, three
 *   after): mornings Monday–Thursday at a main place, two afternoons at a second place (every other
 *   week for a quarter of them), each offering two to four of the 5 appointment types;
 * - 30,000 appointments not overlapping per agent on the agents' opening hours (5 % cancelled), with a
 *   participant each, inserted in bulk, plus collective information sessions;
 * - absences: each agent one week of holidays, a fifth of them every Wednesday afternoon;
 * - sectorisation of 150 communes to the service, 30 of them narrowed to 2 agents.
 */
export type Dataset = {
  organisationId: string;
  /** Types by name: 'orientation' (60 min, everyone), 'suivi' (30 min, follow-up), 'bilan' (45 min,
   * invited, 15-minute buffer), 'accompagnement' (30 min, agents), 'information' (collective). */
  types: Record<TypeName, string>;
  communes: string[];
  now: Date;
  counts: Record<string, number>;
};

type TypeName = 'orientation' | 'suivi' | 'bilan' | 'accompagnement' | 'information';

/** mulberry32: small, fast, good enough for spreading test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const AGENTS = 200;
const PLACES = 64;
const APPOINTMENTS = 30_000;
const COMMUNES = 150;

export async function generateSchedulingDataset(db: Db, now: Date): Promise<Dataset> {
  const random = seededRandom(83);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const today = localDay(now);
  const firstDay = addDays(today, -91);
  const lastDay = addDays(today, 91);

  const [territory] = await db
    .insert(territories)
    .values({ slug: 'var-bench', kind: 'departement', code: '83', name: 'Var' })
    .returning();
  const [organisation] = await db
    .insert(organisations)
    .values({
      slug: 'var-insertion-bench',
      name: 'Direction de l’insertion',
      kind: 'direction',
      territoryId: territory!.id,
    })
    .returning();
  const organisationId = organisation!.id;

  const communes = Array.from({ length: COMMUNES }, (_, i) => `83${String(i + 1).padStart(3, '0')}`);
  const placeCommunes = communes.slice(0, 40);
  const placeRows = await db
    .insert(places)
    .values(
      Array.from({ length: PLACES }, (_, i) => ({
        organisationId,
        name: `Espace insertion ${String(i + 1).padStart(2, '0')}`,
        address: `${i + 1} avenue de la République`,
        communeCode: placeCommunes[i % placeCommunes.length]!,
        latitude: 43.05 + random() * 0.7,
        longitude: 5.7 + random() * 1.2,
      })),
    )
    .returning({ id: places.id });
  const placeIds = placeRows.map((p) => p.id);

  const typeValues: Record<TypeName, Partial<typeof appointmentTypes.$inferInsert>> = {
    orientation: {
      durationMinutes: 60,
      bookableBy: 'everyone',
      minBookingDelayMinutes: 120,
      maxBookingDelayDays: 60,
    },
    suivi: { durationMinutes: 30, bookableBy: 'everyone', followUpOnly: true, maxBookingDelayDays: 60 },
    bilan: { durationMinutes: 45, bookableBy: 'invited', bufferMinutes: 15, maxBookingDelayDays: 60 },
    accompagnement: { durationMinutes: 30, bookableBy: 'agents', maxBookingDelayDays: 60 },
    information: {
      durationMinutes: 120,
      bookableBy: 'everyone',
      collective: true,
      capacity: 12,
      maxBookingDelayDays: 60,
    },
  };
  const types = {} as Record<TypeName, string>;
  for (const [name, values] of Object.entries(typeValues) as [TypeName, typeof typeValues.orientation][]) {
    const [row] = await db
      .insert(appointmentTypes)
      .values({ organisationId, name, durationMinutes: 30, ...values })
      .returning({ id: appointmentTypes.id });
    types[name] = row!.id;
  }

  const agentRows = await db
    .insert(agents)
    .values(
      Array.from({ length: AGENTS }, (_, i) => ({
        email: `agent-${i}@bench.var.fr`,
        firstName: 'Agent',
        lastName: `n° ${i}`,
      })),
    )
    .returning({ id: agents.id });
  const agentIds = agentRows.map((a) => a.id);
  await db
    .insert(memberships)
    .values(agentIds.map((agentId) => ({ agentId, organisationId, role: 'agent' as const })));

  // Two opening slots per agent; remembered to place appointments on their hours.
  type Rule = {
    agentId: string;
    placeId: string;
    weekdays: number[];
    startTime: string;
    endTime: string;
    everyWeeks: number;
  };
  const rules: Rule[] = [];
  const slotValues: (typeof openingSlots.$inferInsert)[] = [];
  const offered: TypeName[][] = [];
  const individualTypes: TypeName[] = ['orientation', 'suivi', 'bilan', 'accompagnement'];
  agentIds.forEach((agentId, i) => {
    const main = placeIds[i % PLACES]!;
    const second = placeIds[(i * 7 + 3) % PLACES]!;
    const morning: Rule = {
      agentId,
      placeId: main,
      weekdays: [1, 2, 3, 4],
      startTime: '09:00',
      endTime: '12:00',
      everyWeeks: 1,
    };
    const afternoon: Rule = {
      agentId,
      placeId: second,
      weekdays: pick([
        [1, 3],
        [2, 4],
        [2, 5],
      ]),
      startTime: '13:30',
      endTime: '17:00',
      everyWeeks: i % 4 === 0 ? 2 : 1,
    };
    for (const rule of [morning, afternoon]) {
      rules.push(rule);
      slotValues.push({ organisationId, ...rule, firstDay, lastDay });
      const shuffled = [...individualTypes].sort(() => random() - 0.5);
      // Most agents receive orientation appointments.
      const kinds = shuffled.slice(0, 2 + Math.floor(random() * 3));
      if (random() < 0.7 && !kinds.includes('orientation')) kinds.push('orientation');
      offered.push(kinds);
    }
  });
  const slotRows = await db.insert(openingSlots).values(slotValues).returning({ id: openingSlots.id });
  await db
    .insert(openingSlotTypes)
    .values(
      slotRows.flatMap((row, i) =>
        offered[i]!.map((name) => ({ openingSlotId: row.id, appointmentTypeId: types[name] })),
      ),
    );

  // Appointments: on the agents' opening hours, on a 60-minute grid so that they never overlap.
  const candidates: { agentId: string; placeId: string; start: number }[] = [];
  for (const rule of rules) {
    const weekly = { weekdays: rule.weekdays, firstDay, lastDay, everyWeeks: rule.everyWeeks };
    for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
      if (!occursOn(weekly, dayNumber(day))) continue;
      for (let m = minutesOf(rule.startTime); m + 60 <= minutesOf(rule.endTime); m += 60) {
        candidates.push({ agentId: rule.agentId, placeId: rule.placeId, start: localInstant(day, m) });
      }
    }
  }
  // Partial Fisher-Yates: the first APPOINTMENTS candidates, at random.
  for (let i = 0; i < APPOINTMENTS; i++) {
    const j = i + Math.floor(random() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  const chosen = candidates.slice(0, APPOINTMENTS);
  const citizenRows: { id: string }[] = [];
  for (let i = 0; i < 5000; i += 1000) {
    citizenRows.push(
      ...(await db
        .insert(citizens)
        .values(
          Array.from({ length: 1000 }, (_, k) => ({
            organisationId,
            firstName: 'Personne',
            lastName: `n° ${i + k}`,
            communeCode: pick(communes),
          })),
        )
        .returning({ id: citizens.id })),
    );
  }
  const kinds: TypeName[] = ['orientation', 'suivi', 'bilan', 'accompagnement'];
  for (let i = 0; i < chosen.length; i += 1000) {
    const batch = chosen.slice(i, i + 1000).map((c) => {
      const kind = pick(kinds);
      const minutes = typeValues[kind].durationMinutes!;
      const start = new Date(c.start);
      const end = new Date(c.start + minutes * 60_000);
      return {
        organisationId,
        appointmentTypeId: types[kind],
        agentId: c.agentId,
        placeId: c.placeId,
        startsAt: start,
        endsAt: end,
        blockedUntil: new Date(end.getTime() + (typeValues[kind].bufferMinutes ?? 0) * 60_000),
        cancelledAt: random() < 0.05 ? new Date(c.start - 86_400_000) : null,
      };
    });
    const rows = await db.insert(appointments).values(batch).returning({ id: appointments.id });
    await db.insert(appointmentParticipants).values(
      rows.map((row, k) => ({
        appointmentId: row.id,
        citizenId: citizenRows[(i + k) % citizenRows.length]!.id,
        bookedVia: 'agent' as const,
        status: batch[k]!.cancelledAt ? ('annule' as const) : ('a_venir' as const),
      })),
    );
  }

  // Collective sessions: on Fridays 09:00–11:00 (no opening slot then), at 10 places, every week.
  const sessions: (typeof appointments.$inferInsert)[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    if (new Date(`${day}T12:00:00Z`).getUTCDay() !== 5) continue;
    for (let p = 0; p < 10; p++) {
      const start = new Date(localInstant(day, 540));
      sessions.push({
        organisationId,
        appointmentTypeId: types.information,
        agentId: agentIds[p * 20]!,
        placeId: placeIds[p]!,
        startsAt: start,
        endsAt: new Date(start.getTime() + 120 * 60_000),
        blockedUntil: new Date(start.getTime() + 120 * 60_000),
        capacity: 12,
      });
    }
  }
  await db.insert(appointments).values(sessions);

  await db.insert(absences).values([
    ...agentIds.map((agentId, i) => {
      const start = addDays(today, -60 + ((i * 3) % 150));
      return { organisationId, agentId, title: 'Congés', firstDay: start, lastDay: addDays(start, 6) };
    }),
    ...agentIds
      .filter((_, i) => i % 5 === 0)
      .map((agentId) => ({
        organisationId,
        agentId,
        title: 'Temps partiel',
        firstDay,
        lastDay: null,
        weekdays: [3],
        startTime: '12:00',
        endTime: '24:00',
      })),
  ]);

  await db.insert(sectorCommunes).values([
    ...communes.map((communeCode) => ({ organisationId, communeCode })),
    ...communes.slice(0, 30).flatMap((communeCode, i) => [
      { organisationId, communeCode, agentId: agentIds[(i * 2) % AGENTS]! },
      { organisationId, communeCode, agentId: agentIds[(i * 2 + 1) % AGENTS]! },
    ]),
  ]);

  await db.execute(sql`analyze`);
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries({
    appointments,
    openingSlots,
    absences,
    sectorCommunes,
    places,
  })) {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table);
    counts[name] = row!.n;
  }
  return { organisationId, types, communes, now, counts };
}
