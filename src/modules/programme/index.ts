import type { FastifyInstance } from 'fastify';
import type { TremplinModule } from '../../platform/modules.ts';
import type { Platform } from '../../platform/platform.ts';
import { cohortsPart } from './cohorts/part.ts';
import { committeePart } from './committee/part.ts';
import { seedDemoProgramme } from './demo.ts';
import { journalPart } from './journal/part.ts';
import { SPACE } from './part.ts';
import { portfolioPart } from './portfolio/part.ts';
import { projectsPart } from './projects/part.ts';
import { selectionPart } from './selection/part.ts';
import { surveysPart } from './surveys/part.ts';

const parts = [
  cohortsPart,
  selectionPart,
  projectsPart,
  journalPart,
  surveysPart,
  committeePart,
  portfolioPart,
];

async function registerProgramme(app: FastifyInstance, platform: Platform): Promise<void> {
  app.navigation.push(
    { label: 'Programme', href: SPACE, visible: (auth) => auth !== null },
    // Visitors find the public portfolio: the projects, their teams and their impact.
    { label: 'Projets du programme', href: '/programme', visible: (auth) => auth === null },
  );
  for (const part of parts) await part.register?.(app, platform);
}

/** The pre-incubation programme: from agents' field problems to startups de territoire (README.md beside this file). */
export const programmeModule: TremplinModule = {
  name: 'programme',
  title: 'Programme d’incubation',
  register: registerProgramme,
  templates: parts.flatMap((part) => part.templates ?? []),
  jobs: parts.flatMap((part) => part.jobs ?? []),
  commands: Object.assign({}, ...parts.map((part) => part.commands ?? {})),
  seedDemo: seedDemoProgramme,
};
