import { inArray, sql } from 'drizzle-orm';
import type { MembershipRole } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { demoAgents } from '../../../platform/tenancy/demo.ts';
import { agents, memberships, organisations, territories } from '../../../platform/tenancy/tables.ts';

/**
 * The services and people the programme demo adds to the platform's demo (tenancy/demo.ts): the
 * services whose agents proposed problems or formed teams in 2019, their managers, a second coach,
 * and the 25 agents of the teams. Everyone is fictitious; addresses end in .demo so no mail leaves.
 */

type Organisation = {
  slug: string;
  territory: 'var' | 'pau-bearn-pyrenees';
  kind: 'uts' | 'direction' | 'service';
  name: string;
};

export const programmeOrganisations: Organisation[] = [
  { slug: 'var-cde', territory: 'var', kind: 'service', name: 'Centre départemental de l’enfance' },
  {
    slug: 'var-direction-enfance',
    territory: 'var',
    kind: 'direction',
    name: 'Direction de l’enfance et de la famille',
  },
  { slug: 'var-direction-autonomie', territory: 'var', kind: 'direction', name: 'Direction de l’autonomie' },
  {
    slug: 'var-direction-numerique',
    territory: 'var',
    kind: 'direction',
    name: 'Direction des systèmes d’information',
  },
  { slug: 'var-direction-routes', territory: 'var', kind: 'direction', name: 'Direction des routes' },
  { slug: 'var-uts-draguignan', territory: 'var', kind: 'uts', name: 'UTS de Draguignan' },
  { slug: 'pau-jeunesse', territory: 'pau-bearn-pyrenees', kind: 'service', name: 'Service jeunesse' },
  {
    slug: 'pau-dechets',
    territory: 'pau-bearn-pyrenees',
    kind: 'service',
    name: 'Direction propreté et déchets',
  },
  { slug: 'pau-mobilites', territory: 'pau-bearn-pyrenees', kind: 'service', name: 'Service mobilités' },
  { slug: 'pau-culture', territory: 'pau-bearn-pyrenees', kind: 'service', name: 'Direction de la culture' },
];

type Person = {
  email: string;
  firstName: string;
  lastName: string;
  organisation: string;
  role: MembershipRole;
};

const person = (
  email: string,
  firstName: string,
  lastName: string,
  organisation: string,
  role: MembershipRole = 'agent',
): Person => ({ email, firstName, lastName, organisation, role });

/** The second coach of the 2019 cohort (the first is the platform demo's coach@incubateur). */
export const SECOND_COACH = 'coach.pau@incubateur.tremplin.demo';
export const FIRST_COACH = 'coach@incubateur.tremplin.demo';

/** Heads of the services that lent agents (they acknowledge the weekly check-ins). */
const managers: Person[] = [
  person('direction.cde@var.tremplin.demo', 'Sylvie', 'Audibert', 'var-cde', 'admin'),
  person('direction.enfance@var.tremplin.demo', 'Laurent', 'Isnard', 'var-direction-enfance', 'admin'),
  person('direction.autonomie@var.tremplin.demo', 'Brigitte', 'Roubaud', 'var-direction-autonomie', 'admin'),
  person('direction.numerique@var.tremplin.demo', 'Fabien', 'Gasquet', 'var-direction-numerique', 'admin'),
  person('jeunesse@pau.tremplin.demo', 'Xavier', 'Lasserre', 'pau-jeunesse', 'admin'),
  person('dechets@pau.tremplin.demo', 'Sandrine', 'Bordenave', 'pau-dechets', 'admin'),
];

/** Agents who proposed problems from services that sent nobody to a team. */
const proposers: Person[] = [
  person('accueil.draguignan@var.tremplin.demo', 'Julien', 'Pellegrin', 'var-uts-draguignan'),
  person('routes@var.tremplin.demo', 'Patrick', 'Daumas', 'var-direction-routes'),
  person('mobilites@pau.tremplin.demo', 'Élodie', 'Casenave', 'pau-mobilites'),
  person('culture@pau.tremplin.demo', 'Mathieu', 'Laborde', 'pau-culture'),
];

/** The 25 agents detached to the eight teams (their team and role are in projects-2019.ts). */
const teamAgents: Person[] = [
  person('aurelie.martinez@var.tremplin.demo', 'Aurélie', 'Martinez', 'var-direction-insertion'),
  person('sebastien.giraud@var.tremplin.demo', 'Sébastien', 'Giraud', 'var-direction-insertion'),
  person('nathalie.bonifay@var.tremplin.demo', 'Nathalie', 'Bonifay', 'var-uts-la-seyne'),
  person('yannick.ferrero@var.tremplin.demo', 'Yannick', 'Ferrero', 'var-direction-numerique'),
  person('christelle.barbaroux@var.tremplin.demo', 'Christelle', 'Barbaroux', 'var-uts-la-seyne'),
  person('mohamed.belkadi@var.tremplin.demo', 'Mohamed', 'Belkadi', 'var-uts-la-seyne'),
  person('virginie.sicard@var.tremplin.demo', 'Virginie', 'Sicard', 'var-uts-la-seyne'),
  person('stephanie.amoretti@var.tremplin.demo', 'Stéphanie', 'Amoretti', 'var-cde'),
  person('olivier.taddei@var.tremplin.demo', 'Olivier', 'Taddei', 'var-cde'),
  person('karine.jourdan@var.tremplin.demo', 'Karine', 'Jourdan', 'var-direction-enfance'),
  person('francoise.pellegrino@var.tremplin.demo', 'Françoise', 'Pellegrino', 'var-direction-autonomie'),
  person('gilles.rinaldi@var.tremplin.demo', 'Gilles', 'Rinaldi', 'var-direction-autonomie'),
  person('myriam.bouchet@var.tremplin.demo', 'Myriam', 'Bouchet', 'var-direction-autonomie'),
  person('marie.lacaze@pau.tremplin.demo', 'Marie', 'Lacaze', 'pau-ccas'),
  person('pierre.haurat@pau.tremplin.demo', 'Pierre', 'Haurat', 'pau-ccas'),
  person('sophie.capdevielle@pau.tremplin.demo', 'Sophie', 'Capdevielle', 'pau-ccas'),
  person('julie.darrigrand@pau.tremplin.demo', 'Julie', 'Darrigrand', 'pau-democratie-locale'),
  person('thierry.lamarque@pau.tremplin.demo', 'Thierry', 'Lamarque', 'pau-democratie-locale'),
  person('nicolas.baylac@pau.tremplin.demo', 'Nicolas', 'Baylac', 'pau-democratie-locale'),
  person('anne.sallenave@pau.tremplin.demo', 'Anne', 'Sallenave', 'pau-dechets'),
  person('david.pucheu@pau.tremplin.demo', 'David', 'Pucheu', 'pau-dechets'),
  person('laetitia.minvielle@pau.tremplin.demo', 'Laëtitia', 'Minvielle', 'pau-dechets'),
  person('kevin.lafitte@pau.tremplin.demo', 'Kévin', 'Lafitte', 'pau-jeunesse'),
  person('amandine.pees@pau.tremplin.demo', 'Amandine', 'Pées', 'pau-jeunesse'),
  person('romain.castaing@pau.tremplin.demo', 'Romain', 'Castaing', 'pau-jeunesse'),
];

export const programmePeople: Person[] = [
  person(SECOND_COACH, 'Camille', 'Berthon', 'incubateur'),
  ...managers,
  ...proposers,
  ...teamAgents,
];

/** What the demo needs to know of the database: ids by slug and e-mail, members by service. */
export type Directory = {
  territoryId(slug: string): string;
  organisationId(slug: string): string;
  /** The territory of a service (the incubator has none). */
  territoryOf(organisationSlug: string): string;
  organisationName(slug: string): string;
  agentId(email: string): string;
  /** E-mails of the members of a service who may submit (read-only members left out), in a stable order. */
  membersOf(organisationSlug: string): string[];
  /** A member's first service, for the « moi aussi » of someone who belongs to several. */
  serviceOf(email: string): string;
};

/**
 * Adds the demo's services, people and memberships where missing (by slug and e-mail, as the platform
 * demo does), then reads back their ids. Null when the platform demo is not there to build on.
 */
export async function ensureDemoPeople(tx: Db): Promise<Directory | null> {
  const territoryRows = await tx
    .select({ id: territories.id, slug: territories.slug })
    .from(territories)
    .where(inArray(territories.slug, ['var', 'pau-bearn-pyrenees']));
  const [incubator] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.slug, ['incubateur']));
  const [coach] = await tx
    .select({ id: agents.id })
    .from(agents)
    .where(sql`lower(${agents.email}) = ${FIRST_COACH}`);
  if (territoryRows.length < 2 || !incubator || !coach) return null;

  const territoryIds = new Map(territoryRows.map((t) => [t.slug, t.id]));
  await tx
    .insert(organisations)
    .values(
      programmeOrganisations.map((o) => ({
        slug: o.slug,
        kind: o.kind,
        name: o.name,
        territoryId: territoryIds.get(o.territory)!,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(agents)
    .values(programmePeople.map((p) => ({ email: p.email, firstName: p.firstName, lastName: p.lastName })))
    .onConflictDoNothing();

  const organisationRows = await tx
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      territoryId: organisations.territoryId,
    })
    .from(organisations);
  const organisationsBySlug = new Map(organisationRows.map((o) => [o.slug, o]));
  const agentRows = await tx
    .select({ id: agents.id, email: sql<string>`lower(${agents.email})` })
    .from(agents)
    .where(
      inArray(sql`lower(${agents.email})`, [
        ...programmePeople.map((p) => p.email),
        ...demoAgents.map((a) => a.email),
      ]),
    );
  const agentIds = new Map(agentRows.map((a) => [a.email, a.id]));
  await tx
    .insert(memberships)
    .values(
      programmePeople.map((p) => ({
        agentId: agentIds.get(p.email)!,
        organisationId: organisationsBySlug.get(p.organisation)!.id,
        role: p.role,
      })),
    )
    .onConflictDoNothing();

  // Who may submit from each service: the platform demo's members and ours, in the lists' order.
  const members = new Map<string, string[]>();
  const firstService = new Map<string, string>();
  const everyone = [
    ...demoAgents.flatMap((a) => a.memberships.map(([slug, role]) => ({ email: a.email, slug, role }))),
    ...programmePeople.map((p) => ({ email: p.email, slug: p.organisation, role: p.role })),
  ];
  for (const { email, slug, role } of everyone) {
    if (!agentIds.has(email)) continue;
    if (!firstService.has(email)) firstService.set(email, slug);
    if (role === 'readonly') continue;
    members.set(slug, [...(members.get(slug) ?? []), email]);
  }

  const organisation = (slug: string) => {
    const row = organisationsBySlug.get(slug);
    if (!row) throw new Error(`Organisation de démonstration inconnue : ${slug}`);
    return row;
  };
  return {
    territoryId: (slug) => territoryIds.get(slug)!,
    organisationId: (slug) => organisation(slug).id,
    territoryOf: (slug) => organisation(slug).territoryId!,
    organisationName: (slug) => organisation(slug).name,
    agentId(email) {
      const id = agentIds.get(email);
      if (!id) throw new Error(`Agent de démonstration inconnu : ${email}`);
      return id;
    },
    membersOf: (slug) => members.get(slug) ?? [],
    serviceOf: (email) => firstService.get(email)!,
  };
}
