import type { JobDefinition } from '../../../platform/jobs/registry.ts';
import { anonymiseInactiveBeneficiaries } from './anonymise.service.ts';

export const ANONYMISE_QUEUE = 'rsa.anonymise';

/**
 * Every night, the RSA records with no activity (import, invitation, booking, status change, note,
 * questionnaire, decision) for longer than their organisation's retention (24 months by default) are
 * anonymised. What goes and what stays:
 * - erased: name (« Anonymisé »), birth date, NIR, numéro allocataire, address, postal code and
 *   commune, phone, email, tags; the body of notes; the questionnaire answers; decision comments;
 *   reasons typed by agents in the status history; the booking engine's record of the person (name
 *   « Anonymisé », contact, address, birth date); the address and content of the messages sent to them;
 * - kept, for the statistics: territory and organisation, référent, household role, status and its
 *   history (who and when), rights opening day, first meeting, invitations, appointments, decisions
 *   (orientation, day, structure), the messages' channel, status and dates.
 * The birth date goes entirely, year included: no statistic of the module uses age, and a year of
 * birth beside a commune and a rights-opening day can point back to one person in a small commune
 * (so the commune goes too; the organisation, which follows the commune's sector, stays).
 * `now` comes from the job's data when given (tests), from the messaging clock otherwise.
 */
export const anonymiseJob: JobDefinition<{ now?: string }> = {
  name: ANONYMISE_QUEUE,
  description:
    'Anonymise les dossiers RSA sans activité depuis la durée de conservation choisie (24 mois par défaut).',
  schedule: '30 3 * * *',
  batchSize: 1,
  // A first run on a large département may anonymise thousands of records, one transaction each.
  queue: { expireInSeconds: 30 * 60 },
  async handler(jobs, { platform }) {
    for (const job of jobs) {
      const now = job.data?.now ? new Date(job.data.now) : platform.messaging.clock();
      await anonymiseInactiveBeneficiaries(platform.database.db, now);
    }
  },
};

// biome-ignore lint/suspicious/noExplicitAny: each job checks its own data type; a list mixes them
export const privacyJobs: JobDefinition<any>[] = [anonymiseJob];
