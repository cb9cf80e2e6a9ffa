import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.ts';
import type { ProgrammePart } from '../part.ts';
import { checkinAcknowledgementsJob } from './acknowledgements.job.ts';
import { registerCheckins } from './checkins.routes.tsx';
import { registerEdit } from './edit.routes.tsx';
import { checkinRemindersJob } from './reminders.job.ts';
import { registerTeam } from './team.routes.tsx';
import { projectTemplates } from './templates.ts';
import { registerWorkspace } from './workspace.routes.tsx';

/**
 * Teams and time (issue 6 §4) and the project workspace: the cohort's projects, a project's home,
 * its public fields and phases, its team and detachment plan, and the weekly check-in with its two
 * scheduled emails (Friday reminder, Monday acknowledgement).
 */
export const projectsPart: ProgrammePart = {
  async register(app: FastifyInstance, platform: Platform) {
    await registerWorkspace(app, platform);
    await registerEdit(app, platform);
    await registerTeam(app, platform);
    await registerCheckins(app, platform);
  },
  templates: projectTemplates,
  jobs: [
    checkinRemindersJob, // reminders.job.ts: Fridays 14:00, members who have not answered this week
    checkinAcknowledgementsJob, // acknowledgements.job.ts: Mondays 09:00, managers with answers waiting
  ],
};
