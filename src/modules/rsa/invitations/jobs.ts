import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { awaitingDecisionJob } from './awaiting-decision.job.ts';
import { invitationExpiryJob } from './expiry.job.ts';
import { invitationRemindersJob } from './reminders.job.ts';
import { invitationRunJob } from './run.job.ts';

/** The invitations' background jobs: three every 15 minutes, and the bulk invitations sent in the background. */
// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const invitationsJobs: JobDefinition<any>[] = [
  invitationRemindersJob, // reminders.job.ts: J+3, J+7 while nothing is booked
  invitationExpiryJob, // expiry.job.ts: « invitation expirée »
  awaitingDecisionJob, // awaiting-decision.job.ts: « RDV à statuer » an hour after an unmarked meeting
  invitationRunJob, // run.job.ts: bulks of more than 50 people, from POST /rsa/invitations
];
