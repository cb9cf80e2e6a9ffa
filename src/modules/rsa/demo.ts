import { and, eq, getTableColumns, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { type Random, seededRandom } from '../../platform/demo-random.ts';
import { type Commune, communesOfDepartement } from '../../platform/geo/administrative.ts';
import type { Platform } from '../../platform/platform.ts';
import { isPublicHoliday } from '../../platform/scheduling/holidays.ts';
import {
  addDays,
  dayFromNumber,
  dayNumber,
  isoWeekday,
  localDay,
  localInstantOfDay,
} from '../../platform/scheduling/slots/calendar.ts';
import { cutSlots } from '../../platform/scheduling/slots/intervals.ts';
import {
  expandAbsence,
  expandOpeningSlot,
  type Interval,
  type Opening,
} from '../../platform/scheduling/slots/recurrence.ts';
import {
  absences,
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizenReferents,
  citizens,
  openingSlots,
  openingSlotTypes,
  participationStatusChanges,
  places,
} from '../../platform/scheduling/tables.ts';
import { organisations, territories } from '../../platform/tenancy/tables.ts';
import { citizenRefOf, ORIENTATION_CATEGORY } from './appointment-sync.ts';
import {
  type Answers,
  DECLINED,
  type Option,
  type Orientation,
  QUESTIONS,
  suggestOrientation,
} from './orientation/questionnaire.ts';
import type { BeneficiaryStatus, StatusChangedBy } from './status.ts';
import {
  beneficiaries,
  beneficiaryStatusChanges,
  invitations,
  notes,
  orientationDecisions,
  questionnaireAnswers,
} from './tables.ts';

/**
 * The RSA demo: about 500 fictitious beneficiaries of the Var whose rights opened over the last twelve
 * months, followed by the Direction de l'insertion, on top of the tenancy and booking-engine demos.
 *
 * Each person lives a journey simulated event by event up to `now`: imported from the CAF list, invited
 * (SMS, email, or a letter for those with neither) or convoked, books a first orientation appointment
 * in a free slot of the sector's agents (their opening hours, holidays and the appointments already
 * there respected, so the agents' time never overlaps), is seen, absent, excused or cancels, is invited
 * again or convoked, and is finally oriented — or the file is closed. What the journey leaves is written
 * as the module and the booking engine would have written it: status history, invitations, citizens
 * ('rsa:<id>'), appointments, participations and their history, questionnaires, decisions and notes.
 *
 * The story the statistics tell: a year ago the CAF lists came monthly and many people were convoked by
 * letter, so the first meeting came about two months after the opening of rights; since then the lists
 * come weekly and people book themselves from an SMS, and it comes in about twelve days (the Var's 2019
 * baseline: 8.5 months). No-shows: 11 % after an invitation, 24 % after a convocation (rdv-insertion's
 * published figures), drawn from shuffled bags rather than coin flips so the rates hold whatever `now`.
 *
 * A seeded generator makes the same people and the same journeys every time, dates relative to `now`.
 * Seeding again changes nothing: nothing is written when the territory already has RSA beneficiaries.
 */

const SEED = 0x5eed_0083;
const HOUSEHOLDS = 470;
const CONJOINTS = 30;
const DAY = 86_400_000;
const MINUTE = 60_000;
const INVITATION_VALIDITY_DAYS = 10;
const REMINDER_DAYS = [3, 7];
const DIRECTION = 'var-direction-insertion';

export async function seedDemoRsa(platform: Platform, now = new Date()): Promise<void> {
  await platform.database.db.transaction(async (tx) => {
    const world = await loadWorld(tx, now.getTime());
    if (!world) return;
    await insertRows(tx, simulate(world));
  });
}

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** An independent stream per person and purpose, so one person's journey does not shift the next one's. */
function streamFor(...parts: number[]): Random {
  let h = SEED;
  for (const part of parts) h = Math.imul(h ^ part, 0x9e3779b1) ^ (h >>> 13);
  return seededRandom(h);
}

const pick = <T>(rng: Random, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const between = (rng: Random, low: number, high: number) => low + rng() * (high - low);
const intBetween = (rng: Random, low: number, high: number) => Math.floor(between(rng, low, high + 1));
const exponential = (rng: Random, mean: number) => -Math.log(1 - rng()) * mean;

/** A UUID (version 4 layout) from the stream: the same ids every run. */
function uuid(rng: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(rng() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Outcomes drawn without replacement from a shuffled bag, refilled when empty: over every full bag the
 * shares are exact (2 absent in 18 after an invitation), in an order that still looks random.
 */
class Bag<T> {
  private items: T[] = [];
  constructor(
    private readonly rng: Random,
    private readonly content: [T, number][],
  ) {}
  draw(): T {
    if (this.items.length === 0) {
      this.items = this.content.flatMap(([item, count]) => Array<T>(count).fill(item));
      for (let i = this.items.length - 1; i > 0; i--) {
        const j = Math.floor(this.rng() * (i + 1));
        [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
      }
    }
    return this.items.pop()!;
  }
}

// ---------------------------------------------------------------------------------------------------
// Fictitious people

/** A list written as one comma-separated text, so long lists stay short to read. */
function words(text: string): string[] {
  return text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
}

const womenFirstNames = words(`
  Sophie, Nathalie, Isabelle, Sandrine, Céline, Aurélie, Émilie, Julie, Laura, Camille, Manon,
  Sarah, Léa, Chloé, Inès, Yasmine, Fatima, Nadia, Samira, Khadija, Aïcha, Fatou, Mariama, Ana,
  Maria, Sofia, Elena, Marine, Audrey, Virginie, Stéphanie, Christine, Sylvie, Patricia, Valérie,
  Jessica, Amandine, Mélanie, Océane, Lina, Naïma, Leïla, Rose, Josiane, Gaëlle, Anaïs, Clémence,
  Justine, Myriam, Hélène, Lucie, Zoé
`);
const menFirstNames = words(`
  Thomas, Nicolas, Julien, Sébastien, Christophe, Stéphane, Frédéric, David, Olivier, Laurent,
  Kevin, Anthony, Jérémy, Romain, Maxime, Alexandre, Mohamed, Rachid, Mehdi, Youssef, Bilal, Samir,
  Moussa, Mamadou, Ibrahima, José, Manuel, Antonio, Luca, Marco, Pierre, Jean, Jean-Marc, Patrick,
  Thierry, Pascal, Gilles, Franck, Didier, Cédric, Dylan, Enzo, Hugo, Lucas, Nabil, Hakim, Sofiane,
  Adrien, Fabrice, Grégory, Loïc
`);
const lastNames = words(`
  Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent,
  Lefebvre, Michel, Garcia, David, Bertrand, Vincent, Fournier, Morel, Girard, André, Mercier,
  Dupont, Lambert, Bonnet, François, Martinez, Legrand, Faure, Rousseau, Blanc, Guérin, Muller,
  Henry, Roussel, Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, Lopez, Fontaine, Chevalier,
  Robin, Masson, Sanchez, Gérard, Boyer, Denis, Lemaire, Duval, Joly, Roger, Roche, Noël, Meyer,
  Meunier, Pérez, Marchand, Dufour, Blanchard, Barbier, Brun, Dumas, Brunet, Schmitt, Leroux,
  Colin, Fernandez, Renard, Rolland, Caron, Aubert, Leclerc, Vidal, Bourgeois, Renaud, Lemoine,
  Picard, Gaillard, Philippe, Lacroix, Bouzid, Mansouri, Belkacem, Cherif, Amrani, Benhamou, Saïdi,
  Ziani, Ouali, Hamidi, Bensaïd, Kaci, Diallo, Traoré, Camara, Diop, Ndiaye, Sow, Pereira,
  Da Silva, Ferreira, Rodrigues, Santos, Esposito, Russo, Romano, Ricci, Marino, Castelli,
  Giordano, Papazian, Manoukian, Nguyen, Tran, Audibert, Roubaud, Isnard, Jourdan, Bérenguier,
  Gasquet, Sicard, Daumas, Barbaroux, Pellegrin, Fabre
`);
const streets = words(`
  rue de la République, avenue Jean Jaurès, boulevard de Strasbourg, rue Victor Hugo,
  chemin des Oliviers, avenue du Maréchal Foch, rue Pasteur, avenue de la Libération,
  rue des Écoles, impasse des Mimosas, chemin de la Colle, traverse des Pins, allée des Lavandes,
  place de la Mairie, boulevard Gambetta, avenue Frédéric Mistral, rue Jean Moulin,
  montée des Oliviers, rue du Portail, avenue des Platanes, rue Hoche, rue Paul Bert
`);
const residences = words(`
  Les Cigales, Le Floréal, Les Pins, La Bastide, Le Mistral, Les Amandiers
`);

/** Where the orientation appointments of a part of the Var take place: its places, nearest first. */
type Zone = { key: string; town: string; placeCommunes: string[] };

const zones: Zone[] = [
  { key: 'la-seyne', town: 'La Seyne-sur-Mer', placeCommunes: ['83126', '83137'] },
  { key: 'toulon', town: 'Toulon', placeCommunes: ['83137', '83126'] },
  { key: 'draguignan', town: 'Draguignan', placeCommunes: ['83050', '83023'] },
  { key: 'brignoles', town: 'Brignoles', placeCommunes: ['83023', '83050'] },
  { key: 'frejus', town: 'Fréjus', placeCommunes: ['83061', '83050'] },
];

/** The zone of a commune: by its EPCI, La Seyne's neighbours apart; Toulon for anything else. */
const zoneByEpci: Record<string, string> = {
  '248300394': 'la-seyne', // CA Sud Sainte Baume
  '248300543': 'toulon', // Métropole Toulon-Provence-Méditerranée
  '248300410': 'toulon', // CC de la Vallée du Gapeau
  '200027100': 'toulon', // CC Méditerranée Porte des Maures
  '248300493': 'draguignan', // CA Dracénie Provence Verdon
  '200040210': 'draguignan', // CC Lacs et Gorges du Verdon
  '200068104': 'brignoles', // CA de la Provence Verte
  '200040202': 'brignoles', // CC Provence Verdon
  '248300550': 'brignoles', // CC Coeur du Var
  '200054807': 'brignoles', // Métropole d'Aix-Marseille-Provence (Saint-Zacharie)
  '200034700': 'brignoles', // CA Durance-Lubéron-Verdon (Vinon-sur-Verdon)
  '200035319': 'frejus', // CA Estérel Côte d'Azur
  '200036077': 'frejus', // CC du Golfe de Saint-Tropez
  '200004802': 'frejus', // CC du Pays de Fayence
};
const laSeyneNeighbours = new Set(['83126', '83129', '83153', '83090']);

function zoneOf(commune: Commune): Zone {
  const key = laSeyneNeighbours.has(commune.code) ? 'la-seyne' : (zoneByEpci[commune.epci ?? ''] ?? 'toulon');
  return zones.find((z) => z.key === key)!;
}

type Person = {
  index: number;
  id: string;
  role: 'demandeur' | 'conjoint';
  firstName: string;
  lastName: string;
  birthDate: string;
  address: string;
  postalCode: string;
  commune: Commune;
  zone: Zone;
  phone: string | null;
  email: string | null;
  allocataireNumber: string;
  tags: string[];
  /** Day number (days since 1970-01-01) of the opening of rights. */
  rightsDay: number;
};

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The people, households first then their conjoints, every field from their own stream. */
function makePeople(today: number): Person[] {
  const communes = communesOfDepartement('83');
  const weights: number[] = [];
  let total = 0;
  for (const c of communes) {
    total += c.population ?? 100;
    weights.push(total);
  }
  const communeAt = (x: number) => {
    let low = 0;
    let high = weights.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (weights[middle]! < x * total) low = middle + 1;
      else high = middle;
    }
    return communes[low]!;
  };
  const numbers = new Set<string>();
  const phones = new Set<string>();
  const unique = (set: Set<string>, make: () => string) => {
    let value = make();
    while (set.has(value)) value = make();
    set.add(value);
    return value;
  };
  // Valid metropolitan mobiles (06 12 40 00 00 – 06 12 40 99 99), so the demo's people can be invited
  // by SMS; the demo is seeded only on an embedded database outside production, where no SMS leaves
  // the development outbox. (ARCEP's fiction block 06 39 98 is Mayotte's 0639 range: refused as +33.)
  const newPhone = (rng: Random) =>
    unique(phones, () => `+3361240${String(intBetween(rng, 0, 9999)).padStart(4, '0')}`);
  const newEmail = (rng: Random, firstName: string, lastName: string) =>
    rng() < 0.6
      ? `${plain(firstName)}.${plain(lastName)}${rng() < 0.4 ? intBetween(rng, 1, 99) : ''}@exemple.demo`
      : `${plain(firstName).slice(0, 1)}${plain(lastName)}${intBetween(rng, 60, 99)}@exemple.demo`;
  const birth = (rng: Random, age: number) => dayFromNumber(today - Math.floor(age * 365.25 + rng() * 365));

  const people: Person[] = [];
  for (let index = 0; index < HOUSEHOLDS; index++) {
    const rng = streamFor(index, 1);
    const woman = rng() < 0.58;
    const firstName = pick(rng, woman ? womenFirstNames : menFirstNames);
    const lastName = pick(rng, lastNames);
    const commune = communeAt(rng());
    const young = rng() < 0.05;
    const age = young ? intBetween(rng, 19, 24) : 25 + Math.floor(rng() ** 1.3 * 37);
    const phone = rng() < 0.86 ? newPhone(rng) : null;
    const email = rng() < (phone ? 0.35 : 0.6) ? newEmail(rng, firstName, lastName) : null;
    const flat =
      rng() < 0.3 ? `Résidence ${pick(rng, residences)}, bâtiment ${pick(rng, ['A', 'B', 'C'])}, ` : '';
    const tags = young
      ? ['Jeune parent']
      : rng() < 0.09
        ? ['RSA majoré']
        : rng() < 0.04
          ? ['Travailleur indépendant']
          : [];
    people.push({
      index,
      id: uuid(rng),
      role: 'demandeur',
      firstName,
      lastName,
      birthDate: birth(rng, age),
      address: `${flat}${intBetween(rng, 1, 180)} ${pick(rng, streets)}`,
      postalCode: pick(rng, commune.postalCodes),
      commune,
      zone: zoneOf(commune),
      phone,
      email,
      allocataireNumber: unique(numbers, () => String(intBetween(rng, 1_000_000, 9_999_999))),
      tags,
      rightsDay: today - intBetween(rng, 3, 365),
    });
  }
  for (let n = 0; n < CONJOINTS; n++) {
    const rng = streamFor(HOUSEHOLDS + n, 1);
    const household = people[Math.floor((n * HOUSEHOLDS) / CONJOINTS + rng() * (HOUSEHOLDS / CONJOINTS))]!;
    const woman = !womenFirstNames.includes(household.firstName) || rng() < 0.05;
    const firstName = pick(rng, woman ? womenFirstNames : menFirstNames);
    const lastName = rng() < 0.6 ? household.lastName : pick(rng, lastNames);
    const age = (today - dayNumber(household.birthDate)) / 365.25 + between(rng, -6, 6);
    const phone = rng() < 0.75 ? newPhone(rng) : null;
    people.push({
      ...household,
      index: HOUSEHOLDS + n,
      id: uuid(rng),
      role: 'conjoint',
      firstName,
      lastName,
      birthDate: birth(rng, Math.max(19, Math.floor(age))),
      phone,
      email: rng() < 0.25 ? newEmail(rng, firstName, lastName) : null,
      tags: [],
    });
  }
  return people.sort((a, b) => a.rightsDay - b.rightsDay || a.index - b.index);
}

// ---------------------------------------------------------------------------------------------------
// What the demo needs from the database: the Var, its insertion service, types, openings, busy times

type TypeInfo = { id: string; name: string; durationMs: number; bufferMs: number };

type World = {
  now: number;
  today: number;
  territoryId: string;
  organisationId: string;
  inPerson: TypeInfo;
  phone: TypeInfo | null;
  /** Openings per zone and type, places of the zone in order of preference, each sorted by start. */
  openings: Map<string, Opening[][]>;
  /** Each agent's blocked time (appointments with their buffers, absences), sorted, never overlapping. */
  blocked: Map<string, Interval[]>;
  referentOf: Map<string, string>;
};

async function loadWorld(tx: Db, now: number): Promise<World | null> {
  const [territory] = await tx
    .select({ id: territories.id })
    .from(territories)
    .where(eq(territories.slug, 'var'));
  const [direction] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, DIRECTION));
  if (!territory || !direction) return null; // no tenancy demo: nothing to attach to
  const [existing] = await tx
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(eq(beneficiaries.territoryId, territory.id))
    .limit(1);
  if (existing) return null;

  const types = await tx
    .select()
    .from(appointmentTypes)
    .where(
      and(
        eq(appointmentTypes.organisationId, direction.id),
        eq(appointmentTypes.category, ORIENTATION_CATEGORY),
        eq(appointmentTypes.collective, false),
        isNull(appointmentTypes.archivedAt),
      ),
    );
  const info = (t: (typeof types)[number]): TypeInfo => ({
    id: t.id,
    name: t.name,
    durationMs: t.durationMinutes * MINUTE,
    bufferMs: t.bufferMinutes * MINUTE,
  });
  const inPersonType = types.find((t) => t.location === 'sur_place');
  const phoneType = types.find((t) => t.location === 'telephone');
  if (!inPersonType) return null; // no booking-engine demo
  const placeRows = await tx
    .select({ id: places.id, communeCode: places.communeCode })
    .from(places)
    .where(and(eq(places.organisationId, direction.id), isNull(places.archivedAt)));
  const slotRows = await tx
    .select({ slot: openingSlots, typeId: openingSlotTypes.appointmentTypeId })
    .from(openingSlots)
    .innerJoin(openingSlotTypes, eq(openingSlotTypes.openingSlotId, openingSlots.id))
    .where(
      and(
        eq(openingSlots.organisationId, direction.id),
        inArray(
          openingSlotTypes.appointmentTypeId,
          types.map((t) => t.id),
        ),
      ),
    );
  if (slotRows.length === 0) return null;

  // The agents kept the same opening hours all year: the rules are taken back in time by whole cycles
  // of `everyWeeks` (so a fortnightly slot keeps its weeks), holidays of the Var closed as in the search.
  const today = dayNumber(localDay(now));
  const from = dayFromNumber(today - 400);
  const to = dayFromNumber(today + 45);
  const byType = new Map<string, Opening[]>();
  for (const { slot, typeId } of slotRows) {
    const rule = {
      ...slot,
      firstDay: addDays(slot.firstDay, -7 * slot.everyWeeks * Math.ceil(60 / slot.everyWeeks)),
    };
    const list = byType.get(typeId) ?? [];
    list.push(...expandOpeningSlot(rule, from, to, (day) => isPublicHoliday(day, '83')));
    byType.set(typeId, list);
  }
  const openings = new Map<string, Opening[][]>();
  const referentOf = new Map<string, string>();
  const offered: (typeof appointmentTypes.$inferSelect)[] = phoneType
    ? [inPersonType, phoneType]
    : [inPersonType];
  for (const zone of zones) {
    for (const offer of offered) {
      const lists = zone.placeCommunes.map((code) => {
        const placeIds = new Set(placeRows.filter((p) => p.communeCode === code).map((p) => p.id));
        return (byType.get(offer.id) ?? [])
          .filter((o) => placeIds.has(o.placeId))
          .sort((a, b) => a.start - b.start);
      });
      openings.set(`${zone.key}|${offer.id}`, lists);
      const agentCounts = new Map<string, number>();
      for (const o of lists[0] ?? []) agentCounts.set(o.agentId, (agentCounts.get(o.agentId) ?? 0) + 1);
      const main = [...agentCounts].sort((a, b) => b[1] - a[1])[0];
      if (main && offer === inPersonType) referentOf.set(zone.key, main[0]);
    }
  }

  const agentIds = [...new Set(slotRows.map((r) => r.slot.agentId))];
  const busy = await tx
    .select({ agentId: appointments.agentId, start: appointments.startsAt, end: appointments.blockedUntil })
    .from(appointments)
    .where(
      and(
        inArray(appointments.agentId, agentIds),
        isNull(appointments.cancelledAt),
        gte(appointments.blockedUntil, new Date(now - 420 * DAY)),
      ),
    );
  const absenceRows = await tx.select().from(absences).where(inArray(absences.agentId, agentIds));
  const blocked = new Map<string, Interval[]>(agentIds.map((id) => [id, []]));
  for (const b of busy) blocked.get(b.agentId)!.push({ start: b.start.getTime(), end: b.end.getTime() });
  for (const a of absenceRows) blocked.get(a.agentId)!.push(...expandAbsence(a, from, to));
  for (const [id, list] of blocked) blocked.set(id, merged(list));

  return {
    now,
    today,
    territoryId: territory.id,
    organisationId: direction.id,
    inPerson: info(inPersonType),
    phone: phoneType ? info(phoneType) : null,
    openings,
    blocked,
    referentOf,
  };
}

function merged(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

type Slot = { agentId: string; placeId: string; start: number; end: number; blockedUntil: number };

/**
 * A free slot for the person, as the booking engine would offer it (same grid, buffers and blocked
 * time): from the first openings at or after `earliest`, at their nearest place unless it is more than
 * a week later than the next one; not always the very first slot, as people choose what suits them.
 * The slot is taken at once, so nobody else gets it.
 */
function takeSlot(world: World, zone: Zone, type: TypeInfo, earliest: number, rng: Random): Slot | null {
  const lists = world.openings.get(`${zone.key}|${type.id}`) ?? [];
  const latest = earliest + 30 * DAY;
  const firstFree = (list: Opening[]) => {
    const found: { opening: Opening; starts: number[] }[] = [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle]!.end <= earliest) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < list.length && found.length < 3 && list[i]!.start < latest; i++) {
      const opening = list[i]!;
      const starts = cutSlots(opening, world.blocked.get(opening.agentId) ?? [], {
        durationMs: type.durationMs,
        bufferMs: type.bufferMs,
        earliest,
        latest,
      });
      if (starts.length) found.push({ opening, starts });
    }
    return found;
  };
  let options = firstFree(lists[0] ?? []);
  const fallback = lists.length > 1 ? firstFree(lists[1]!) : [];
  if (!options.length || (fallback.length && fallback[0]!.starts[0]! + 7 * DAY < options[0]!.starts[0]!)) {
    options = fallback.length ? fallback : options;
  }
  if (!options.length) return null;
  const r = rng();
  const chosen = options[r < 0.6 || options.length === 1 ? 0 : r < 0.85 || options.length === 2 ? 1 : 2]!;
  const start = chosen.starts[Math.floor(rng() ** 2 * chosen.starts.length)]!;
  const slot = {
    agentId: chosen.opening.agentId,
    placeId: chosen.opening.placeId,
    start,
    end: start + type.durationMs,
    blockedUntil: start + type.durationMs + type.bufferMs,
  };
  const list = world.blocked.get(slot.agentId)!;
  let at = 0;
  while (at < list.length && list[at]!.start < slot.start) at++;
  list.splice(at, 0, { start: slot.start, end: slot.blockedUntil });
  return slot;
}

// ---------------------------------------------------------------------------------------------------
// Journeys

type Rows = {
  citizens: PgInsertValue<typeof citizens>[];
  beneficiaries: PgInsertValue<typeof beneficiaries>[];
  statusChanges: PgInsertValue<typeof beneficiaryStatusChanges>[];
  appointments: PgInsertValue<typeof appointments>[];
  participants: PgInsertValue<typeof appointmentParticipants>[];
  participationChanges: PgInsertValue<typeof participationStatusChanges>[];
  invitations: PgInsertValue<typeof invitations>[];
  questionnaires: PgInsertValue<typeof questionnaireAnswers>[];
  decisions: PgInsertValue<typeof orientationDecisions>[];
  notes: PgInsertValue<typeof notes>[];
  citizenReferents: PgInsertValue<typeof citizenReferents>[];
};

type Next = { kind: 'invitation' | 'convocation'; at: number } | null;
type Outcome = 'vu' | 'absent' | 'excuse';

const channelWords = { sms: 'SMS', email: 'courriel', letter: 'courrier' } as const;
const outcomeStatus: Record<Outcome, BeneficiaryStatus> = {
  vu: 'rdv_honore',
  absent: 'absent',
  excuse: 'excuse',
};
const closable = new Set<BeneficiaryStatus>([
  'non_invite',
  'invitation_expiree',
  'absent',
  'excuse',
  'annule',
]);

function simulate(world: World): Rows {
  const rows: Rows = {
    citizens: [],
    beneficiaries: [],
    statusChanges: [],
    appointments: [],
    participants: [],
    participationChanges: [],
    invitations: [],
    questionnaires: [],
    decisions: [],
    notes: [],
    citizenReferents: [],
  };
  const shuffle = streamFor(0, 99);
  const outcomes = {
    // Absent among the people expected (vu or absent): 2 in 18 = 11 %, 6 in 25 = 24 %. Small bags keep
    // the rates right over a few months of people too (the statistics' 3- and 6-month periods).
    invitation: new Bag<Outcome>(shuffle, [
      ['vu', 16],
      ['absent', 2],
    ]),
    convocation: new Bag<Outcome>(shuffle, [
      ['vu', 19],
      ['absent', 6],
    ]),
  };
  for (const person of makePeople(world.today)) journey(world, person, rows, outcomes);
  return rows;
}

/** A working day's time at the office: weekends and holidays move to the next working day. */
function officeTime(day: number, rng: Random, fromMinutes = 510, toMinutes = 990): number {
  let n = day;
  while (isoWeekday(dayFromNumber(n)) > 5 || isPublicHoliday(dayFromNumber(n), '83')) n++;
  return localInstantOfDay(n, Math.floor(between(rng, fromMinutes, toMinutes)));
}

const dayOf = (instant: number) => dayNumber(localDay(instant));

function journey(
  world: World,
  p: Person,
  rows: Rows,
  outcomes: Record<'invitation' | 'convocation', Bag<Outcome>>,
) {
  const { now } = world;
  const rng = streamFor(p.index, 2);
  const ids = streamFor(p.index, 3);
  const referent = world.referentOf.get(p.zone.key) ?? null;
  /**
   * How much of the old, slow way this person met: 1 for rights opened a year ago, 0 for today. The
   * change came early (weekly lists, SMS first), then kept improving: about 0.35 six months ago.
   */
  const q = Math.min(1, Math.max(0, (world.today - p.rightsDay) / 365)) ** 1.6;

  let status: BeneficiaryStatus = 'non_invite';
  let statusAt = 0;
  let lastActivity = 0;
  let citizenId: string | null = null;
  let firstMetAt: number | null = null;
  let questionnaireDone = false;
  let suggested: Orientation | null = null;
  let pending = false;
  const openInvitations: PgInsertValue<typeof invitations>[] = [];

  const move = (
    to: BeneficiaryStatus,
    at: number,
    by: StatusChangedBy,
    reason: string,
    agentId?: string | null,
  ) => {
    if (to === status && statusAt) return;
    rows.statusChanges.push({
      id: uuid(ids),
      beneficiaryId: p.id,
      fromStatus: statusAt ? status : null,
      toStatus: to,
      changedBy: by,
      changedByAgentId: agentId ?? null,
      reason,
      changedAt: new Date(at),
    });
    status = to;
    statusAt = at;
    lastActivity = Math.max(lastActivity, at);
  };
  const note = (at: number, body: string, agentId: string | null) => {
    if (!agentId || at > now) return;
    rows.notes.push({ id: uuid(ids), beneficiaryId: p.id, agentId, body, createdAt: new Date(at) });
    lastActivity = Math.max(lastActivity, at);
  };
  const ensureCitizen = (at: number) => {
    if (citizenId) return citizenId;
    citizenId = uuid(ids);
    rows.citizens.push({
      id: citizenId,
      organisationId: world.organisationId,
      firstName: p.firstName,
      lastName: p.lastName,
      birthDate: p.birthDate,
      email: p.email,
      phone: p.phone,
      address: p.address,
      communeCode: p.commune.code,
      externalRef: citizenRefOf(p.id),
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
    return citizenId;
  };
  const answerQuestionnaire = (at: number, by: StatusChangedBy) => {
    if (questionnaireDone || at > now) return;
    questionnaireDone = true;
    const { answers, suggestion } = questionnaire(rng);
    suggested = suggestion;
    rows.questionnaires.push({
      beneficiaryId: p.id,
      answers,
      suggestedOrientation: suggestion,
      filledBy: by,
      submittedAt: new Date(at),
    });
    lastActivity = Math.max(lastActivity, at);
  };

  // Imported from the CAF list: monthly a year ago, every week or so now.
  const importDay =
    p.rightsDay + Math.min(world.today - p.rightsDay - 1, Math.round(1 + rng() * (3 + 27 * q)));
  const importedAt = Math.min(officeTime(importDay, rng, 480, 600), now - 30 * MINUTE);
  move('non_invite', importedAt, 'systeme', 'Import de la liste de la CAF');
  const closeAt = rng() < 0.1 ? importedAt + rng() * (now - importedAt) : null;
  const neverInvited = rng() < 0.025;

  const appointment = (
    slot: Slot,
    type: TypeInfo,
    via: 'invitation' | 'convocation',
    bookedAt: number,
    invitation: PgInsertValue<typeof invitations>,
  ): Next => {
    const appointmentId = uuid(ids);
    const participantId = uuid(ids);
    const agentBooked = via === 'convocation';
    const citizen = ensureCitizen(bookedAt);
    invitation.appointmentId = appointmentId;
    invitation.bookedAt = new Date(bookedAt);
    const row: PgInsertValue<typeof appointments> = {
      id: appointmentId,
      organisationId: world.organisationId,
      appointmentTypeId: type.id,
      agentId: slot.agentId,
      placeId: slot.placeId,
      startsAt: new Date(slot.start),
      endsAt: new Date(slot.end),
      blockedUntil: new Date(slot.blockedUntil),
      createdByAgentId: agentBooked ? referent : null,
      createdAt: new Date(bookedAt),
      updatedAt: new Date(bookedAt),
    };
    const participant: PgInsertValue<typeof appointmentParticipants> = {
      id: participantId,
      appointmentId,
      citizenId: citizen,
      status: 'a_venir',
      bookedVia: agentBooked ? 'agent' : 'invitation',
      bookedByAgentId: agentBooked ? referent : null,
      statusChangedAt: new Date(bookedAt),
      statusChangedByAgentId: agentBooked ? referent : null,
      createdAt: new Date(bookedAt),
    };
    rows.appointments.push(row);
    rows.participants.push(participant);
    rows.participationChanges.push({
      id: uuid(ids),
      participantId,
      fromStatus: null,
      toStatus: 'a_venir',
      changedBy: agentBooked ? 'agent' : 'usager',
      changedByAgentId: agentBooked ? referent : null,
      changedAt: new Date(bookedAt),
    });
    move('rdv_pris', bookedAt, agentBooked ? 'agent' : 'usager', type.name, agentBooked ? referent : null);
    if (!agentBooked && invitation.channel !== 'letter' && rng() < 0.45) {
      answerQuestionnaire(bookedAt + rng() * 2 * DAY, 'usager');
    }

    // Cancelled from the person's link, at least 24 hours before.
    if (rng() < 0.05 && slot.start - DAY > bookedAt) {
      const cancelAt = bookedAt + rng() * (slot.start - DAY - bookedAt);
      if (cancelAt <= now) {
        row.cancelledAt = new Date(cancelAt);
        row.updatedAt = new Date(cancelAt);
        participant.status = 'annule';
        participant.statusChangedAt = new Date(cancelAt);
        participant.statusChangedByAgentId = null;
        rows.participationChanges.push({
          id: uuid(ids),
          participantId,
          fromStatus: 'a_venir',
          toStatus: 'annule',
          changedBy: 'usager',
          changedAt: new Date(cancelAt),
        });
        move('annule', cancelAt, 'usager', type.name);
        return rng() < 0.7
          ? { kind: 'invitation', at: officeTime(dayOf(cancelAt) + intBetween(rng, 1, 7), rng) }
          : null;
      }
    }
    if (slot.end > now) {
      pending = true; // still to come
      return null;
    }
    // The agent has not said yet what happened: the next morning it is « à statuer ».
    if (slot.start > now - 12 * DAY && rng() < 0.35) {
      const flagAt = localInstantOfDay(dayOf(slot.start) + 1, 420);
      if (flagAt <= now) move('rdv_a_statuer', flagAt, 'systeme', 'Rendez-vous passé sans statut');
      pending = true;
      return null;
    }
    // Some warn they cannot come (not a no-show); the others come or not, drawn from the bag.
    const outcome: Outcome = rng() < 0.05 ? 'excuse' : outcomes[via].draw();
    const markedAt =
      outcome === 'excuse'
        ? Math.max(bookedAt + 30 * MINUTE, slot.start - between(rng, 1, 40) * 3_600_000)
        : Math.min(now, slot.end + between(rng, 5, 150) * MINUTE);
    participant.status = outcome;
    participant.statusChangedAt = new Date(markedAt);
    participant.statusChangedByAgentId = slot.agentId;
    rows.participationChanges.push({
      id: uuid(ids),
      participantId,
      fromStatus: 'a_venir',
      toStatus: outcome,
      changedBy: 'agent',
      changedByAgentId: slot.agentId,
      changedAt: new Date(markedAt),
    });
    move(outcomeStatus[outcome], markedAt, 'agent', type.name, slot.agentId);
    const after = (low: number, high: number) =>
      officeTime(dayOf(markedAt) + intBetween(rng, low, high), rng);

    if (outcome === 'vu') {
      firstMetAt ??= slot.start;
      if (referent) rows.citizenReferents.push({ citizenId: citizen, agentId: referent });
      if (rng() < 0.5) answerQuestionnaire(slot.start + 20 * MINUTE, 'agent');
      if (rng() < 0.25) note(markedAt, pick(rng, meetingNotes), slot.agentId);
      if (rng() < 0.93) {
        const decidedAt = Math.max(
          markedAt + MINUTE,
          officeTime(dayOf(markedAt) + Math.floor(rng() ** 1.5 * 21), rng),
        );
        if (decidedAt <= now) decide(decidedAt);
      }
      return null;
    }
    if (outcome === 'absent') {
      if (p.phone && rng() < 0.4)
        note(markedAt + 10 * MINUTE, 'Absent au rendez-vous. Message laissé sur le répondeur.', slot.agentId);
      const r = rng();
      if (via === 'invitation') {
        return r < 0.55
          ? { kind: 'convocation', at: after(7, 21) }
          : r < 0.8
            ? { kind: 'invitation', at: after(5, 15) }
            : null;
      }
      return r < 0.35
        ? { kind: 'convocation', at: after(14, 30) }
        : r < 0.55
          ? { kind: 'invitation', at: after(7, 20) }
          : null;
    }
    note(markedAt, pick(rng, excuseNotes), slot.agentId);
    return rng() < 0.65
      ? { kind: via === 'convocation' && rng() < 0.4 ? 'convocation' : 'invitation', at: after(2, 10) }
      : null;
  };

  const decide = (at: number) => {
    if (!referent) return;
    const r = rng();
    const orientation =
      suggested && rng() < 0.8
        ? suggested
        : r < 0.45
          ? 'professionnelle'
          : r < 0.75
            ? 'socio_professionnelle'
            : 'sociale';
    rows.decisions.push({
      id: uuid(ids),
      beneficiaryId: p.id,
      orientation,
      decidedOn: localDay(at),
      structureName: structureFor(orientation, p.zone),
      decidedByAgentId: referent,
      comment: rng() < 0.3 ? pick(rng, decisionComments[orientation]) : null,
      createdAt: new Date(at),
    });
    move('oriente', at, 'agent', orientationReasons[orientation], referent);
  };

  const invite = (at: number): Next => {
    let channel: 'sms' | 'email' | 'letter' = p.phone
      ? p.email && rng() < 0.15
        ? 'email'
        : 'sms'
      : p.email
        ? 'email'
        : 'letter';
    if (channel !== 'letter' && rng() < 0.12 * q) channel = 'letter'; // a year ago, letters were still common
    ensureCitizen(at);
    const expiresAt = at + INVITATION_VALIDITY_DAYS * DAY;
    const invitation: PgInsertValue<typeof invitations> = {
      id: uuid(ids),
      beneficiaryId: p.id,
      organisationId: world.organisationId,
      kind: 'invitation',
      channel,
      sentAt: new Date(at),
      expiresAt: new Date(expiresAt),
      remindersSent: 0,
      nextReminderAt: null,
      createdByAgentId: referent,
    };
    rows.invitations.push(invitation);
    move('invitation_envoyee', at, 'agent', `Invitation par ${channelWords[channel]}`, referent);
    const reminders = (until: number) => {
      invitation.remindersSent = REMINDER_DAYS.filter((d) => at + d * DAY <= Math.min(until, now)).length;
    };

    const answers = rng() < { sms: 0.8, email: 0.68, letter: 0.55 }[channel];
    if (answers) {
      const delay = Math.min(9.5, channel === 'letter' ? 2 + exponential(rng, 2.5) : exponential(rng, 1.5));
      const bookedAt = Math.max(
        at + between(rng, 10, 120) * MINUTE,
        localInstantOfDay(dayOf(at) + Math.floor(delay), between(rng, 480, 1320)),
      );
      if (bookedAt < expiresAt) {
        if (bookedAt > now) return openInvitation(invitation, at);
        reminders(bookedAt);
        const earliest = bookedAt + Math.max(2 * 3_600_000, (0.5 + rng() * 5 + q * rng() * 8) * DAY);
        // Some choose a call (where the sector offers it), the others come to the place.
        for (const type of world.phone && p.phone && rng() < 0.15
          ? [world.phone, world.inPerson]
          : [world.inPerson]) {
          const slot = takeSlot(world, p.zone, type, earliest, rng);
          if (slot) return appointment(slot, type, 'invitation', bookedAt, invitation);
        }
      }
    }
    if (expiresAt > now) return openInvitation(invitation, at);
    reminders(expiresAt);
    move('invitation_expiree', expiresAt, 'systeme', 'Invitation expirée sans réservation');
    const r = rng();
    if (r < 0.45)
      return { kind: 'invitation', at: officeTime(dayOf(expiresAt) + intBetween(rng, 5, 20), rng) };
    if (r < 0.8)
      return { kind: 'convocation', at: officeTime(dayOf(expiresAt) + intBetween(rng, 3, 15), rng) };
    return null;
  };

  const openInvitation = (invitation: PgInsertValue<typeof invitations>, at: number): Next => {
    const due = REMINDER_DAYS.map((d) => at + d * DAY);
    invitation.remindersSent = due.filter((t) => t <= now).length;
    const next = due.find((t) => t > now);
    invitation.nextReminderAt = next ? new Date(next) : null;
    openInvitations.push(invitation);
    pending = true;
    return null;
  };

  const convoke = (at: number): Next => {
    const slot = takeSlot(world, p.zone, world.inPerson, at + between(rng, 7, 16) * DAY, rng);
    if (!slot) return null;
    const channel = p.phone && rng() < 0.35 ? 'sms' : !p.phone && p.email && rng() < 0.3 ? 'email' : 'letter';
    ensureCitizen(at);
    const invitation: PgInsertValue<typeof invitations> = {
      id: uuid(ids),
      beneficiaryId: p.id,
      organisationId: world.organisationId,
      kind: 'convocation',
      channel,
      sentAt: new Date(at),
      expiresAt: new Date(slot.start),
      remindersSent: 0,
      createdByAgentId: referent,
    };
    rows.invitations.push(invitation);
    return appointment(slot, world.inPerson, 'convocation', at, invitation);
  };

  const close = (at: number) => {
    for (const invitation of openInvitations) {
      invitation.closedAt = new Date(at);
      invitation.nextReminderAt = null;
    }
    move('clos', at, 'agent', pick(rng, closingReasons), referent);
  };

  if (!neverInvited) {
    const inviteDay = dayOf(importedAt) + Math.round(q * between(rng, 10, 35) + rng() * 2);
    let next: Next = {
      kind: rng() < 0.35 * q ? 'convocation' : 'invitation',
      at: Math.max(importedAt + 30 * MINUTE, officeTime(inviteDay, rng)),
    };
    for (let round = 0; next && round < 5; round++) {
      if (closeAt !== null && closeAt < next.at) break;
      if (next.at > now) break;
      next = next.kind === 'invitation' ? invite(next.at) : convoke(next.at);
    }
  }
  if (closeAt !== null && closeAt >= statusAt && !pending && closable.has(status)) close(closeAt);

  rows.beneficiaries.push({
    id: p.id,
    territoryId: world.territoryId,
    organisationId: world.organisationId,
    citizenId,
    referentAgentId: referent,
    allocataireNumber: p.allocataireNumber,
    role: p.role,
    lastName: p.lastName,
    firstName: p.firstName,
    birthDate: p.birthDate,
    address: p.address,
    postalCode: p.postalCode,
    communeCode: p.commune.code,
    communeName: p.commune.name,
    phone: p.phone,
    email: p.email,
    rightsOpenedOn: dayFromNumber(p.rightsDay),
    tags: p.tags,
    status,
    statusChangedAt: new Date(statusAt),
    firstMetAt: firstMetAt === null ? null : new Date(firstMetAt),
    lastActivityAt: new Date(lastActivity),
    createdAt: new Date(importedAt),
    updatedAt: new Date(lastActivity),
  });
}

// ---------------------------------------------------------------------------------------------------
// Questionnaire, decisions and notes

/** Who the person is, roughly: it tilts their answers one way or the other, as real answers are. */
type Leaning = 'pro' | 'mixed' | 'social';

/**
 * Answers to the module's questionnaire (orientation/questionnaire.ts), and the orientation it
 * suggests there. Each option is weighted by how it leans and the person's own leaning; a few skip a
 * question or decline to answer it.
 */
function questionnaire(rng: Random): { answers: Answers; suggestion: Orientation } {
  const r = rng();
  const leaning: Leaning = r < 0.45 ? 'pro' : r < 0.75 ? 'mixed' : 'social';
  const weight = (option: Option) => {
    const social = option.social ?? 0;
    const pro = option.pro ?? 0;
    if (leaning === 'pro') return Math.max(0.15, 1 + 1.5 * pro - 1.2 * social);
    if (leaning === 'social') return Math.max(0.15, 1 + 1.2 * social - 0.8 * pro);
    return 1 + 0.3 * (social + pro);
  };
  const answers: Answers = {};
  for (const question of QUESTIONS) {
    if (rng() < 0.05) continue;
    if (rng() < 0.03) {
      answers[question.key] = question.kind === 'one' ? DECLINED : [DECLINED];
      continue;
    }
    if (question.kind === 'one') {
      const total = question.options.reduce((sum, o) => sum + weight(o), 0);
      let x = rng() * total;
      let chosen = question.options[0]!;
      for (const option of question.options) {
        chosen = option;
        x -= weight(option);
        if (x < 0) break;
      }
      answers[question.key] = chosen.value;
      continue;
    }
    // Several: each box ticked on its own; a box that says « none of these » stays alone.
    const boxes = question.options.filter((o) => o.social || o.pro);
    const alone = question.options.find((o) => !o.social && !o.pro);
    let ticked = boxes.filter((o) => rng() < Math.min(0.85, 0.25 * weight(o))).map((o) => o.value);
    const difficulty = boxes.find((o) => o.social && !o.pro);
    if (difficulty && ticked.includes(difficulty.value) && question.options.some((o) => o.pro)) {
      ticked = [difficulty.value]; // « j'ai du mal à me déplacer » is not ticked beside a car
    }
    answers[question.key] = ticked.length ? ticked : alone ? [alone.value] : [pick(rng, boxes).value];
  }
  return { answers, suggestion: suggestOrientation(answers).orientation };
}

function structureFor(orientation: Orientation, zone: Zone): string {
  switch (orientation) {
    case 'professionnelle':
      return `France Travail – agence de ${zone.town}`;
    case 'socio_professionnelle':
      return zone.key === 'toulon' || zone.key === 'la-seyne'
        ? 'PLIE Toulon Provence Méditerranée'
        : `Direction de l’insertion – antenne de ${zone.town}`;
    case 'sociale':
      return `Service social départemental – UTS de ${zone.town}`;
  }
}

const orientationReasons: Record<Orientation, string> = {
  professionnelle: 'Orientation professionnelle',
  socio_professionnelle: 'Orientation socio-professionnelle',
  sociale: 'Orientation sociale',
};

const decisionComments: Record<Orientation, string[]> = {
  professionnelle: [
    'Projet clair, disponible tout de suite.',
    'Souhaite une formation courte avant de reprendre un emploi.',
    'Expérience dans la restauration, cherche un poste pour la saison.',
  ],
  socio_professionnelle: [
    'Projet professionnel à construire, problème de mobilité à lever d’abord.',
    'Besoin d’un accompagnement renforcé vers l’emploi.',
  ],
  sociale: [
    'Logement à stabiliser avant toute démarche d’emploi.',
    'Problème de santé : accompagnement social d’abord.',
    'Situation familiale difficile, suivi par l’assistante sociale de secteur.',
  ],
};

const meetingNotes = [
  'Premier rendez-vous : la personne a apporté son attestation CAF. Questionnaire vu ensemble.',
  'Entretien agréable, la personne souhaite reprendre une activité rapidement.',
  'Besoin d’aide pour les démarches en ligne : orientée vers l’espace numérique de la mairie.',
  'A besoin d’une solution de garde pour ses enfants avant de reprendre un emploi.',
];
const excuseNotes = [
  'A prévenu par téléphone : enfant malade. Nouveau rendez-vous à proposer.',
  'A prévenu : rendez-vous médical le même jour.',
  'A prévenu : pas de bus ce jour-là. Proposer un rendez-vous par téléphone.',
];
const closingReasons = [
  'Fin de droits au RSA',
  'Déménagement hors du Var',
  'Reprise d’un emploi à temps plein',
  'Doublon avec un autre dossier',
];

// ---------------------------------------------------------------------------------------------------
// Writing

/**
 * One statement per table: the rows travel as one JSON parameter that PostgreSQL turns into records
 * (jsonb_populate_recordset), much faster on PGlite than thousands of bound parameters. Columns no
 * row sets keep their defaults.
 */
async function insertAll<T extends PgTable>(tx: Db, table: T, values: PgInsertValue<T>[]) {
  if (values.length === 0) return;
  const given = new Set(values.flatMap((row) => Object.keys(row)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given.has(key));
  const records = values.map((row) =>
    Object.fromEntries(
      columns.map(([key, column]) => [column.name, (row as Record<string, unknown>)[key] ?? null]),
    ),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)`,
  );
}

/** In the order of their references: citizens before beneficiaries, appointments before invitations. */
async function insertRows(tx: Db, rows: Rows) {
  await insertAll(tx, citizens, rows.citizens);
  await insertAll(tx, beneficiaries, rows.beneficiaries);
  await insertAll(tx, beneficiaryStatusChanges, rows.statusChanges);
  await insertAll(tx, appointments, rows.appointments);
  await insertAll(tx, appointmentParticipants, rows.participants);
  await insertAll(tx, participationStatusChanges, rows.participationChanges);
  await insertAll(tx, invitations, rows.invitations);
  await insertAll(tx, questionnaireAnswers, rows.questionnaires);
  await insertAll(tx, orientationDecisions, rows.decisions);
  await insertAll(tx, notes, rows.notes);
  const referents = new Map(rows.citizenReferents.map((r) => [`${r.citizenId}|${r.agentId}`, r]));
  await insertAll(tx, citizenReferents, [...referents.values()]);
}
