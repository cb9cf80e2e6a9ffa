import type { ProgrammePart } from '../part.ts';
import { registerCalls } from './calls/routes.tsx';
import { registerHome } from './home/routes.tsx';
import { registerProblems } from './problems/routes.tsx';
import { problemTemplates } from './problems/templates.ts';
import { registerSeasons } from './seasons/routes.tsx';

/**
 * The programme's entry (issue 6 §1–2): the agent's home, seasons and their calls, and the problems
 * agents propose, with « moi aussi », merging and pre-screening. README.md beside this file.
 */
export const cohortsPart: ProgrammePart = {
  async register(app, platform) {
    await registerHome(app, platform);
    await registerSeasons(app, platform);
    await registerCalls(app, platform);
    await registerProblems(app, platform);
  },
  templates: problemTemplates,
};
