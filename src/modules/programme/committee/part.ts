import type { ProgrammePart } from '../part.ts';
import { materialsRemindersJob } from './reminders.job.ts';
import { registerCommitteeRoutes } from './routes.tsx';
import { committeeTemplates } from './templates.ts';

/**
 * Deliberation committees (issue 6 §7): scheduled sessions, the teams' materials due D-7, members
 * with their conflicts of interest, votes, the chair's decisions (which move the projects' phases)
 * and the published minutes.
 */
export const committeePart: ProgrammePart = {
  register: registerCommitteeRoutes,
  templates: committeeTemplates,
  jobs: [materialsRemindersJob],
};
