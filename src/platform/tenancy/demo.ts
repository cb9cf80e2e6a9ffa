import { eq, sql } from 'drizzle-orm';
import type { MembershipRole } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { agents, memberships, organisations, territories } from './tables.ts';

/**
 * The demo of the 2019 cohort's partners: the Département du Var, the Agglomération Pau Béarn
 * Pyrénées and the incubator. People are fictitious; addresses end in .demo so no mail can leave.
 * Every insert skips what exists, so seeding twice changes nothing.
 */
const demoTerritories = [
  { slug: 'var', kind: 'departement', code: '83', name: 'Département du Var' },
  {
    slug: 'pau-bearn-pyrenees',
    kind: 'epci',
    code: '200067254',
    name: 'Communauté d’agglomération Pau Béarn Pyrénées',
  },
] as const;

const demoOrganisations = [
  { slug: 'var-uts-la-seyne', territory: 'var', kind: 'uts', name: 'UTS de La Seyne-sur-Mer' },
  { slug: 'var-direction-insertion', territory: 'var', kind: 'direction', name: 'Direction de l’insertion' },
  { slug: 'pau-ccas', territory: 'pau-bearn-pyrenees', kind: 'ccas', name: 'CCAS de Pau' },
  {
    slug: 'pau-democratie-locale',
    territory: 'pau-bearn-pyrenees',
    kind: 'service',
    name: 'Service démocratie locale',
  },
  { slug: 'incubateur', territory: null, kind: 'incubateur', name: 'Incubateur des territoires' },
] as const;

type DemoAgent = {
  email: string;
  firstName: string;
  lastName: string;
  isOperator?: boolean;
  memberships: [slug: string, role: MembershipRole][];
};

export const demoAgents: DemoAgent[] = [
  {
    email: 'operateur@tremplin.demo',
    firstName: 'Olivia',
    lastName: 'Opératrice',
    isOperator: true,
    memberships: [],
  },
  {
    email: 'admin.insertion@var.tremplin.demo',
    firstName: 'Hélène',
    lastName: 'Garnier',
    memberships: [['var-direction-insertion', 'admin']],
  },
  {
    email: 'referente@var.tremplin.demo',
    firstName: 'Samia',
    lastName: 'Benali',
    memberships: [['var-direction-insertion', 'agent']],
  },
  {
    email: 'referent.toulon@var.tremplin.demo',
    firstName: 'Karim',
    lastName: 'Haddad',
    memberships: [['var-direction-insertion', 'agent']],
  },
  {
    email: 'referente.draguignan@var.tremplin.demo',
    firstName: 'Claire',
    lastName: 'Roux',
    memberships: [['var-direction-insertion', 'agent']],
  },
  {
    email: 'admin.uts@var.tremplin.demo',
    firstName: 'Marc',
    lastName: 'Olivier',
    memberships: [['var-uts-la-seyne', 'admin']],
  },
  {
    email: 'accueil@var.tremplin.demo',
    firstName: 'Nadia',
    lastName: 'Ferrand',
    memberships: [
      ['var-uts-la-seyne', 'agent'],
      ['var-direction-insertion', 'readonly'],
    ],
  },
  {
    email: 'lecture@var.tremplin.demo',
    firstName: 'Paul',
    lastName: 'Arnaud',
    memberships: [['var-uts-la-seyne', 'readonly']],
  },
  {
    email: 'admin.ccas@pau.tremplin.demo',
    firstName: 'Maïté',
    lastName: 'Etcheverry',
    memberships: [['pau-ccas', 'admin']],
  },
  {
    email: 'benevolat@pau.tremplin.demo',
    firstName: 'Jon',
    lastName: 'Larrieu',
    memberships: [['pau-ccas', 'agent']],
  },
  {
    email: 'concertation@pau.tremplin.demo',
    firstName: 'Inès',
    lastName: 'Lacoste',
    memberships: [['pau-democratie-locale', 'admin']],
  },
  {
    email: 'coach@incubateur.tremplin.demo',
    firstName: 'Thomas',
    lastName: 'Coach',
    memberships: [['incubateur', 'admin']],
  },
];

export async function seedDemoTenancy(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(territories)
      .values([...demoTerritories])
      .onConflictDoNothing();
    const territoryIds = new Map(
      (await tx.select({ id: territories.id, slug: territories.slug }).from(territories)).map((t) => [
        t.slug,
        t.id,
      ]),
    );
    await tx
      .insert(organisations)
      .values(
        demoOrganisations.map((o) => ({
          slug: o.slug,
          kind: o.kind,
          name: o.name,
          territoryId: o.territory ? territoryIds.get(o.territory)! : null,
        })),
      )
      .onConflictDoNothing();
    const organisationIds = new Map(
      (await tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations)).map((o) => [
        o.slug,
        o.id,
      ]),
    );
    for (const agent of demoAgents) {
      await tx
        .insert(agents)
        .values({
          email: agent.email,
          firstName: agent.firstName,
          lastName: agent.lastName,
          isOperator: agent.isOperator ?? false,
        })
        .onConflictDoNothing();
      const [row] = await tx
        .select({ id: agents.id })
        .from(agents)
        .where(eq(sql`lower(${agents.email})`, agent.email));
      for (const [slug, role] of agent.memberships) {
        await tx
          .insert(memberships)
          .values({ agentId: row!.id, organisationId: organisationIds.get(slug)!, role })
          .onConflictDoNothing();
      }
    }
  });
}
