import { TZDate } from '@date-fns/tz';
import { addDays, addMinutes, format, startOfWeek } from 'date-fns';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { communesOfDepartement } from '../geo/administrative.ts';
import { agents, organisations } from '../tenancy/tables.ts';
import {
  appointmentParticipants,
  appointments,
  appointmentTypes,
  citizens,
  openingSlots,
  openingSlotTypes,
  participationStatusChanges,
  places,
  sectorCommunes,
} from './tables.ts';

/**
 * The booking engine's demo, on top of the tenancy demo: the Var's Direction de l'insertion offers
 * « Premier rendez-vous d'orientation RSA » in five places of the département, bookable by anyone
 * living in the Var; the UTS de La Seyne-sur-Mer offers a first social appointment to its two
 * communes. Opening slots start the week before the seed, so the agenda is never empty. People are
 * fictitious. Seeding again changes nothing: each part is skipped when its first row exists.
 */
const TIME_ZONE = 'Europe/Paris';

type DemoPlace = {
  key: string;
  organisation: string;
  name: string;
  address: string;
  communeCode: string;
  latitude: number;
  longitude: number;
  phone: string;
  accessibilityNotes: string;
};

const demoPlaces: DemoPlace[] = [
  {
    key: 'la-seyne',
    organisation: 'var-direction-insertion',
    name: 'Espace insertion de La Seyne-sur-Mer',
    address: '14 rue Ernest Renan, 83500 La Seyne-sur-Mer',
    communeCode: '83126',
    latitude: 43.1009,
    longitude: 5.8788,
    phone: '04 94 00 10 20',
    accessibilityNotes: 'Rez-de-chaussée, accessible en fauteuil roulant. Bus 81, arrêt Centre-ville.',
  },
  {
    key: 'toulon',
    organisation: 'var-direction-insertion',
    name: 'Espace insertion de Toulon',
    address: '390 avenue des Lices, 83000 Toulon',
    communeCode: '83137',
    latitude: 43.1257,
    longitude: 5.9386,
    phone: '04 94 00 10 30',
    accessibilityNotes: 'Ascenseur au 2e étage. Tramway et bus : arrêt Les Lices.',
  },
  {
    key: 'draguignan',
    organisation: 'var-direction-insertion',
    name: 'Espace insertion de Draguignan',
    address: '6 boulevard Clemenceau, 83300 Draguignan',
    communeCode: '83050',
    latitude: 43.5369,
    longitude: 6.4645,
    phone: '04 94 00 10 40',
    accessibilityNotes: 'Entrée de plain-pied par la cour.',
  },
  {
    key: 'brignoles',
    organisation: 'var-direction-insertion',
    name: 'Espace insertion de Brignoles',
    address: '2 place Carami, 83170 Brignoles',
    communeCode: '83023',
    latitude: 43.4058,
    longitude: 6.0618,
    phone: '04 94 00 10 50',
    accessibilityNotes:
      'Premier étage sans ascenseur : un entretien au rez-de-chaussée est possible sur demande.',
  },
  {
    key: 'frejus',
    organisation: 'var-direction-insertion',
    name: 'Espace insertion de Fréjus',
    address: '85 rue Jean Jaurès, 83600 Fréjus',
    communeCode: '83061',
    latitude: 43.4331,
    longitude: 6.7368,
    phone: '04 94 00 10 60',
    accessibilityNotes: 'Accessible en fauteuil roulant. Boucle magnétique à l’accueil.',
  },
  {
    key: 'uts-la-seyne',
    organisation: 'var-uts-la-seyne',
    name: 'UTS de La Seyne-sur-Mer',
    address: '1 place Germain Loro, 83500 La Seyne-sur-Mer',
    communeCode: '83126',
    latitude: 43.1015,
    longitude: 5.8823,
    phone: '04 94 00 20 00',
    accessibilityNotes: 'Accessible en fauteuil roulant.',
  },
];

type DemoType = {
  key: string;
  organisation: string;
  values: Omit<typeof appointmentTypes.$inferInsert, 'organisationId'>;
};

export const RSA_ORIENTATION_TYPE = 'Premier rendez-vous d’orientation RSA';

const demoTypes: DemoType[] = [
  {
    key: 'orientation',
    organisation: 'var-direction-insertion',
    values: {
      name: RSA_ORIENTATION_TYPE,
      category: 'Orientation RSA',
      durationMinutes: 45,
      location: 'sur_place',
      minBookingDelayMinutes: 120,
      maxBookingDelayDays: 30,
      bookableBy: 'everyone',
      bufferMinutes: 15,
      changeLimitHours: 24,
      instructions:
        'Apportez une pièce d’identité et, si vous l’avez, votre dernière attestation de la CAF. ' +
        'Le rendez-vous dure environ 45 minutes : nous faisons le point ensemble sur votre situation et sur l’accompagnement qui vous convient.',
    },
  },
  {
    key: 'orientation-phone',
    organisation: 'var-direction-insertion',
    values: {
      name: 'Rendez-vous d’orientation RSA par téléphone',
      category: 'Orientation RSA',
      durationMinutes: 30,
      location: 'telephone',
      minBookingDelayMinutes: 120,
      maxBookingDelayDays: 30,
      bookableBy: 'everyone',
      changeLimitHours: 4,
      instructions:
        'Votre référent vous appelle au numéro que vous avez donné. Gardez votre téléphone près de vous.',
    },
  },
  {
    key: 'information',
    organisation: 'var-direction-insertion',
    values: {
      name: 'Information collective RSA',
      category: 'Orientation RSA',
      durationMinutes: 90,
      location: 'sur_place',
      minBookingDelayMinutes: 60,
      maxBookingDelayDays: 45,
      bookableBy: 'everyone',
      collective: true,
      capacity: 12,
      changeLimitHours: 24,
      instructions:
        'Une réunion en petit groupe pour comprendre vos droits et devoirs au RSA et l’accompagnement proposé.',
    },
  },
  {
    key: 'follow-up',
    organisation: 'var-direction-insertion',
    values: {
      name: 'Rendez-vous de suivi avec mon référent',
      category: 'Suivi RSA',
      durationMinutes: 30,
      location: 'sur_place',
      minBookingDelayMinutes: 240,
      maxBookingDelayDays: 60,
      bookableBy: 'invited',
      followUpOnly: true,
      changeLimitHours: 24,
    },
  },
  {
    key: 'social',
    organisation: 'var-uts-la-seyne',
    values: {
      name: 'Premier entretien avec un travailleur social',
      category: 'Accompagnement social',
      durationMinutes: 45,
      location: 'sur_place',
      minBookingDelayMinutes: 60,
      maxBookingDelayDays: 21,
      bookableBy: 'everyone',
      bufferMinutes: 15,
      changeLimitHours: 24,
      instructions:
        'Apportez vos derniers courriers (CAF, bailleur, fournisseur d’énergie) si votre demande les concerne.',
    },
  },
];

type DemoOpening = {
  agent: string;
  place: string;
  weekdays: number[];
  start: string;
  end: string;
  types: string[];
  everyWeeks?: number;
};

const demoOpenings: DemoOpening[] = [
  {
    agent: 'referente@var.tremplin.demo',
    place: 'la-seyne',
    weekdays: [1, 2, 4],
    start: '09:00',
    end: '12:00',
    types: ['orientation', 'follow-up'],
  },
  {
    agent: 'referente@var.tremplin.demo',
    place: 'la-seyne',
    weekdays: [1, 2, 4],
    start: '13:30',
    end: '16:30',
    types: ['orientation', 'orientation-phone', 'follow-up'],
  },
  {
    agent: 'referent.toulon@var.tremplin.demo',
    place: 'toulon',
    weekdays: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '12:00',
    types: ['orientation', 'follow-up'],
  },
  {
    agent: 'referent.toulon@var.tremplin.demo',
    place: 'toulon',
    weekdays: [2, 4],
    start: '14:00',
    end: '17:00',
    types: ['orientation', 'orientation-phone'],
  },
  {
    agent: 'referente.draguignan@var.tremplin.demo',
    place: 'draguignan',
    weekdays: [1, 3],
    start: '09:00',
    end: '12:30',
    types: ['orientation', 'follow-up'],
  },
  {
    agent: 'referente.draguignan@var.tremplin.demo',
    place: 'brignoles',
    weekdays: [5],
    start: '09:00',
    end: '12:00',
    types: ['orientation'],
  },
  {
    agent: 'admin.insertion@var.tremplin.demo',
    place: 'frejus',
    weekdays: [3],
    start: '14:00',
    end: '17:00',
    types: ['orientation'],
    everyWeeks: 2,
  },
  {
    agent: 'accueil@var.tremplin.demo',
    place: 'uts-la-seyne',
    weekdays: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '12:00',
    types: ['social'],
  },
];

const demoPeople = [
  {
    firstName: 'Sophie',
    lastName: 'Martin',
    phone: '+33612345601',
    email: 'sophie.martin@exemple.demo',
    communeCode: '83126',
  },
  { firstName: 'Mehdi', lastName: 'Bouzid', phone: '+33612345602', email: null, communeCode: '83126' },
  {
    firstName: 'Laetitia',
    lastName: 'Giraud',
    phone: null,
    email: 'laetitia.giraud@exemple.demo',
    communeCode: '83129',
  },
  { firstName: 'Jean-Pierre', lastName: 'Fabre', phone: '+33612345604', email: null, communeCode: '83126' },
  {
    firstName: 'Aïcha',
    lastName: 'Diallo',
    phone: '+33612345605',
    email: 'aicha.diallo@exemple.demo',
    communeCode: '83153',
  },
];

/** A local day and time in Paris as an instant. */
function parisInstant(day: Date, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(
    new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours!, minutes!, 0, TIME_ZONE).getTime(),
  );
}

export async function seedDemoScheduling(db: Db, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const orgRows = await tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations);
    const orgId = new Map(orgRows.map((o) => [o.slug, o.id]));
    const insertion = orgId.get('var-direction-insertion');
    const uts = orgId.get('var-uts-la-seyne');
    if (!insertion || !uts) return; // the tenancy demo is not there: nothing to attach to
    const [existing] = await tx
      .select({ id: places.id })
      .from(places)
      .where(eq(places.organisationId, insertion))
      .limit(1);
    if (existing) return;

    const placeId = new Map<string, string>();
    for (const place of demoPlaces) {
      const { key, organisation, ...values } = place;
      const [row] = await tx
        .insert(places)
        .values({ ...values, organisationId: orgId.get(organisation)! })
        .returning({ id: places.id });
      placeId.set(key, row!.id);
    }
    const typeId = new Map<string, string>();
    for (const type of demoTypes) {
      const [row] = await tx
        .insert(appointmentTypes)
        .values({ ...type.values, organisationId: orgId.get(type.organisation)! })
        .returning({ id: appointmentTypes.id });
      typeId.set(type.key, row!.id);
    }

    const emails = [...new Set(demoOpenings.map((o) => o.agent))];
    const agentRows = await tx
      .select({ id: agents.id, email: agents.email })
      .from(agents)
      .where(inArray(agents.email, emails));
    const agentId = new Map(agentRows.map((a) => [a.email, a.id]));
    const today = new TZDate(now.getTime(), TIME_ZONE);
    const firstDay = format(addDays(startOfWeek(today, { weekStartsOn: 1 }), -7), 'yyyy-MM-dd');
    for (const opening of demoOpenings) {
      const id = agentId.get(opening.agent);
      if (!id) continue;
      const place = demoPlaces.find((p) => p.key === opening.place)!;
      const [row] = await tx
        .insert(openingSlots)
        .values({
          organisationId: orgId.get(place.organisation)!,
          agentId: id,
          placeId: placeId.get(opening.place)!,
          weekdays: opening.weekdays,
          startTime: opening.start,
          endTime: opening.end,
          firstDay,
          everyWeeks: opening.everyWeeks ?? 1,
        })
        .returning({ id: openingSlots.id });
      await tx
        .insert(openingSlotTypes)
        .values(opening.types.map((t) => ({ openingSlotId: row!.id, appointmentTypeId: typeId.get(t)! })));
    }

    // Sectorisation: the Direction de l'insertion serves the whole département; the UTS its two communes.
    const varCommunes = communesOfDepartement('83').map((c) => c.code);
    await tx
      .insert(sectorCommunes)
      .values(varCommunes.map((communeCode) => ({ organisationId: insertion, communeCode })));
    await tx.insert(sectorCommunes).values([
      { organisationId: uts, communeCode: '83126' },
      { organisationId: uts, communeCode: '83153' },
    ]);

    await seedDemoAppointments(tx, {
      organisationId: insertion,
      agentId: agentId.get('referente@var.tremplin.demo'),
      placeId: placeId.get('la-seyne')!,
      orientationTypeId: typeId.get('orientation')!,
      today,
    });
    await seedCollectiveSession(tx, {
      organisationId: insertion,
      agentId: agentId.get('referent.toulon@var.tremplin.demo'),
      placeId: placeId.get('toulon')!,
      typeId: typeId.get('information')!,
      today,
    });
  });
}

/**
 * Five people with a first orientation appointment with Samia Benali at La Seyne: two last week
 * (one seen, one absent) and three in the coming days, on her opening days (Monday, Tuesday, Thursday).
 */
async function seedDemoAppointments(
  tx: Db,
  input: {
    organisationId: string;
    agentId?: string;
    placeId: string;
    orientationTypeId: string;
    today: Date;
  },
) {
  if (!input.agentId) return;
  const monday = startOfWeek(input.today, { weekStartsOn: 1 });
  const lastWeek = [addDays(monday, -7), addDays(monday, -6)];
  const upcoming = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    .map((n) => addDays(input.today, n))
    .filter((d) => [1, 2, 4].includes(d.getDay()))
    .slice(0, 3);
  const slots = [
    { day: lastWeek[0]!, time: '09:00', status: 'vu' as const },
    { day: lastWeek[1]!, time: '10:00', status: 'absent' as const },
    ...upcoming.map((day) => ({ day, time: '09:00', status: 'a_venir' as const })),
  ];
  for (const [index, person] of demoPeople.entries()) {
    const slot = slots[index]!;
    const [citizen] = await tx
      .insert(citizens)
      .values({ ...person, organisationId: input.organisationId })
      .returning({ id: citizens.id });
    const startsAt = parisInstant(slot.day, slot.time);
    const endsAt = addMinutes(startsAt, 45);
    const [appointment] = await tx
      .insert(appointments)
      .values({
        organisationId: input.organisationId,
        appointmentTypeId: input.orientationTypeId,
        agentId: input.agentId,
        placeId: input.placeId,
        startsAt,
        endsAt,
        blockedUntil: addMinutes(endsAt, 15),
        createdByAgentId: input.agentId,
      })
      .returning({ id: appointments.id });
    const [participant] = await tx
      .insert(appointmentParticipants)
      .values({
        appointmentId: appointment!.id,
        citizenId: citizen!.id,
        status: slot.status,
        bookedVia: index % 2 === 0 ? 'public' : 'agent',
        bookedByAgentId: index % 2 === 0 ? null : input.agentId,
        statusChangedByAgentId: slot.status === 'a_venir' ? null : input.agentId,
      })
      .returning({ id: appointmentParticipants.id });
    await tx.insert(participationStatusChanges).values([
      {
        participantId: participant!.id,
        toStatus: 'a_venir',
        changedBy: index % 2 === 0 ? 'usager' : 'agent',
      },
      ...(slot.status === 'a_venir'
        ? []
        : [
            {
              participantId: participant!.id,
              fromStatus: 'a_venir' as const,
              toStatus: slot.status,
              changedBy: 'agent',
              changedByAgentId: input.agentId,
            },
          ]),
    ]);
  }
}

/** An « information collective » session at Toulon, on the Wednesday afternoon of next week. */
async function seedCollectiveSession(
  tx: Db,
  input: { organisationId: string; agentId?: string; placeId: string; typeId: string; today: Date },
) {
  if (!input.agentId) return;
  const wednesday = addDays(startOfWeek(input.today, { weekStartsOn: 1 }), 9);
  const startsAt = parisInstant(wednesday, '14:00');
  const endsAt = addMinutes(startsAt, 90);
  await tx.insert(appointments).values({
    organisationId: input.organisationId,
    appointmentTypeId: input.typeId,
    agentId: input.agentId,
    placeId: input.placeId,
    startsAt,
    endsAt,
    blockedUntil: endsAt,
    capacity: 12,
    createdByAgentId: input.agentId,
  });
}

/** For tests and the README: whether the demo's scheduling part is there. */
export async function demoSchedulingLoaded(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.name, RSA_ORIENTATION_TYPE)));
  return Number(row?.n ?? 0) > 0;
}
