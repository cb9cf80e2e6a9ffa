import type { Db } from '../../db/client.ts';
import type { SmsProviderEvent } from './provider.ts';
import { addSmsOptOut, cancelWaitingSms, markSmsDelivered, markSmsFailed } from './sms.repository.ts';

/** The reason shown on messages that were not sent because the person asked for no more SMS. */
export const OPTED_OUT_REASON =
  'la personne a demandé à ne plus recevoir de messages (STOP ou désabonnement)';

export type ReportOutcome = { delivered: number; failed: number; optedOut: number; cancelled: number };

/**
 * What a provider reported on its webhook, applied in one transaction: delivery receipts turn sent
 * SMS into delivered or failed; a STOP puts the number on the opt-out list (queueMessage then refuses
 * non-urgent SMS to it) and cancels its SMS still waiting to go out. Receipts for messages Tremplin
 * does not know (another application on the same provider account) change nothing. Applying the same
 * report twice changes nothing more, so the provider may retry a call freely.
 */
export async function recordDeliveryReceiptsAndStops(
  db: Db,
  provider: string,
  events: SmsProviderEvent[],
): Promise<ReportOutcome> {
  return db.transaction(async (tx) => {
    const outcome: ReportOutcome = { delivered: 0, failed: 0, optedOut: 0, cancelled: 0 };
    for (const event of events) {
      switch (event.kind) {
        case 'delivered':
          outcome.delivered += await markSmsDelivered(tx, provider, event.providerMessageId);
          break;
        case 'failed':
          outcome.failed += await markSmsFailed(tx, provider, event.providerMessageId, event.reason);
          break;
        case 'opted_out':
          if (await addSmsOptOut(tx, event.phone, event.source)) outcome.optedOut += 1;
          outcome.cancelled += await cancelWaitingSms(tx, event.phone, OPTED_OUT_REASON);
          break;
      }
    }
    return outcome;
  });
}
