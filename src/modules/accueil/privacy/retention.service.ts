import { recordAudit, systemActor } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import {
  deleteVoicemailAudio,
  eraseCallNumbers,
  eraseTicketNumbers,
  eraseVoicemailNumbers,
  listLinesForRetention,
} from './retention.repository.ts';

const DAY = 86_400_000;

export type RetentionReport = {
  lineId: string;
  voicemailAudioDeleted: number;
  callNumbersErased: number;
  ticketNumbersErased: number;
  voicemailNumbersErased: number;
};

/**
 * Applies each line's retention (issue 7, scope 8): voicemail audio older than audioRetentionDays (30
 * by default) is deleted; callers' numbers on calls, closed tickets and voicemails older than
 * numberRetentionDays (90 by default) are erased. One transaction per line, with its line in the audit
 * trail written as the system, counts included (zeros too: the trail shows the job ran). Idempotent.
 */
export async function applyRetention(db: Db, now: Date): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const line of await listLinesForRetention(db)) {
    const audioBefore = new Date(now.getTime() - line.audioRetentionDays * DAY);
    const numberBefore = new Date(now.getTime() - line.numberRetentionDays * DAY);
    const report = await db.transaction(async (tx) => {
      const counts: RetentionReport = {
        lineId: line.id,
        voicemailAudioDeleted: await deleteVoicemailAudio(tx, line.id, audioBefore, now),
        callNumbersErased: await eraseCallNumbers(tx, line.id, numberBefore),
        ticketNumbersErased: await eraseTicketNumbers(tx, line.id, numberBefore),
        voicemailNumbersErased: await eraseVoicemailNumbers(tx, line.id, numberBefore),
      };
      const { lineId: _, ...details } = counts;
      await recordAudit(tx, systemActor, {
        action: 'delete',
        resourceType: 'accueil_line',
        resourceId: line.id,
        organisationId: line.organisationId,
        territoryId: line.territoryId,
        details: {
          retention: true,
          audioRetentionDays: line.audioRetentionDays,
          numberRetentionDays: line.numberRetentionDays,
          ...details,
        },
      });
      return counts;
    });
    reports.push(report);
  }
  return reports;
}
