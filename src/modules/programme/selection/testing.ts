import type { Db } from '../../../platform/db/client.ts';
import type { TremplinModule } from '../../../platform/modules.ts';
import { DEFAULT_CRITERIA } from '../rubric.ts';
import { meToos, problems } from '../tables.ts';
import type { ProgrammeWorld } from '../testing.ts';
import { selectionPart } from './part.ts';
import { scoreField } from './schemas.ts';

/**
 * Test helpers of the selection. Its tests run the selection part alone (the other parts of the
 * programme are built at the same time by others and have their own tests); the routes are the
 * same as in the whole module.
 */
export const selectionOnly: TremplinModule = {
  name: 'programme',
  title: 'Programme d’incubation',
  register: async (app, platform) => selectionPart.register?.(app, platform),
  templates: selectionPart.templates,
};

/** A problem submitted to the world's call, written directly (the submission is helper B's part). */
export async function newProblem(
  db: Db,
  world: ProgrammeWorld,
  values: Partial<typeof problems.$inferInsert> & { submitterAgentId: string; organisationId: string },
) {
  const [row] = await db
    .insert(problems)
    .values({
      callId: world.call.id,
      territoryId: world.varTerritory.id,
      status: 'recevable',
      title: 'Les allocataires du RSA attendent huit mois leur premier rendez-vous',
      whoSuffers: 'Les nouveaux allocataires du RSA',
      howMany: 'environ 4 000 par an dans le Var',
      frequency: 'Tous les jours',
      consequencesCitizens: 'Huit mois sans accompagnement.',
      consequencesCollectivite: 'Des relances et des courriers en nombre',
      evidence: 'Délai moyen mesuré : 8,5 mois',
      workaround: 'Des convocations par courrier',
      sponsor: 'La directrice de l’insertion',
      service: 'UTS La Seyne',
      availability: 'Un jour par semaine',
      submittedAt: new Date(),
      ...values,
    })
    .returning();
  return row!;
}

export async function sayMeToo(db: Db, problemId: string, agentId: string, service = 'Mon service') {
  await db.insert(meToos).values({ problemId, agentId, service });
}

/** The review form's fields: one score per criterion of the default rubric (in its order), and a comment. */
export function reviewFields(scores: number[], comment = ''): Record<string, string> {
  const fields: Record<string, string> = { commentaire: comment };
  DEFAULT_CRITERIA.forEach((c, i) => {
    if (scores[i] !== undefined) fields[scoreField(c.key)] = String(scores[i]);
  });
  return fields;
}

export const SPACE_PATHS = {
  jury: (callId: string) => `/programme/espace/appels/${callId}/jury`,
  selection: (callId: string) => `/programme/espace/appels/${callId}/selection`,
  evaluation: (problemId: string) => `/programme/espace/problemes/${problemId}/evaluation`,
  decision: (problemId: string) => `/programme/espace/problemes/${problemId}/decision`,
};
