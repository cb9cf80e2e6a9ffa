import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { openLine } from './access.ts';
import type { ConsoleLine } from './console.repository.ts';
import {
  findVoicemail,
  markVoicemailHandledRow,
  type VoicemailRow,
  voicemailAudio,
} from './voicemails.repository.ts';

export const VOICEMAIL_NOT_FOUND = 'Ce message n’existe pas ou vous n’y avez pas accès.';

async function openVoicemail(db: Db, caller: Caller, lineId: string, id: string) {
  const line = await openLine(db, caller, lineId);
  const voicemail = isUuid(id) ? await findVoicemail(db, line.id, id) : undefined;
  if (!voicemail) throw notFound(VOICEMAIL_NOT_FOUND);
  return { line, voicemail };
}

export type VoicemailAudio = { line: ConsoleLine; voicemail: VoicemailRow; wav: Buffer };

/**
 * A message's WAV, to play in the browser or to download. Each time is written to the audit trail
 * (a voice is personal data), except the browser's follow-up range requests of one playback. Once
 * the retention job has deleted the audio the message is « effacé » (404 with the date).
 */
export async function listenToVoicemail(
  db: Db,
  caller: Caller,
  lineId: string,
  id: string,
  options: { mode: 'ecoute' | 'telechargement'; audited: boolean },
): Promise<VoicemailAudio> {
  const { line, voicemail } = await openVoicemail(db, caller, lineId, id);
  const wav = await voicemailAudio(db, line.id, voicemail.id);
  if (!wav) throw notFound(erasedText(voicemail.audioDeletedAt));
  if (options.audited) {
    await recordAudit(db, caller.audit, {
      action: 'read',
      resourceType: 'accueil_voicemail',
      resourceId: voicemail.id,
      organisationId: line.organisationId,
      territoryId: line.territoryId,
      details: { lineId: line.id, mode: options.mode },
    });
  }
  return { line, voicemail, wav };
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** « message effacé le 12 mars 2025 (durée de conservation) ». */
export function erasedText(deletedAt: Date | null): string {
  return deletedAt
    ? `Message effacé le ${dayFormat.format(deletedAt)} (durée de conservation).`
    : 'Message effacé (durée de conservation).';
}

/** « Marquer comme traité »: once; a second agent is told it already was. */
export async function markVoicemailHandled(db: Db, caller: Caller, lineId: string, id: string, now: Date) {
  const { line, voicemail } = await openVoicemail(db, caller, lineId, id);
  const marked = await markVoicemailHandledRow(db, line.id, voicemail.id, caller.actor.agentId, now);
  if (!marked) throw conflict('Ce message était déjà marqué comme traité.');
}
