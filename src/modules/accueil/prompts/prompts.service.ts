import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { Line } from '../tables.ts';
import { promptVersion } from './audio.ts';
import { linePromptCatalogue, type PromptUse } from './catalogue.ts';
import { convertRecording } from './convert.ts';
import {
  dropRecording,
  findPrompt,
  type PromptRow,
  promptsOfLine,
  savePromptText,
  saveRecording,
} from './prompts.repository.ts';
import { MAX_PROMPT_TEXT } from './schemas.ts';

/** A prompt of a line as its admin sees it: where it is heard, what it says, where its audio comes from. */
export type LinePrompt = PromptUse & {
  text: string;
  source: 'synthese' | 'enregistrement';
  durationMs: number | null;
  /** The line changed it (text or recording); otherwise it says the default text, or nothing yet. */
  customised: boolean;
  updatedAt: Date | null;
  version: string;
};

function linePromptOf(use: PromptUse, row: PromptRow | undefined): LinePrompt {
  const text = row?.text ?? use.defaultText ?? '';
  return {
    ...use,
    text,
    source: row?.source ?? 'synthese',
    durationMs: row?.durationMs ?? null,
    customised: row !== undefined,
    updatedAt: row?.updatedAt ?? null,
    version: promptVersion(row, text),
  };
}

/** Every prompt the line's flow names, then the system prompts, each with its current state. */
export async function listLinePrompts(db: Db, line: Line): Promise<LinePrompt[]> {
  const rows = new Map((await promptsOfLine(db, line.id)).map((row) => [row.key, row]));
  return linePromptCatalogue(line.flow).map((use) => linePromptOf(use, rows.get(use.key)));
}

/** One prompt of the line; a key the line does not use is not found. */
export async function linePrompt(db: Db, line: Line, key: string): Promise<LinePrompt> {
  const use = linePromptCatalogue(line.flow).find((p) => p.key === key);
  if (!use) throw notFound('Cette annonce n’existe pas sur cette ligne.');
  return linePromptOf(use, await findPrompt(db, line.id, key));
}

async function audit(db: Db, caller: Caller, line: Line, row: PromptRow, change: string, extra = {}) {
  await recordAudit(db, caller.audit, {
    action: 'update',
    resourceType: 'accueil_prompt',
    resourceId: row.id,
    organisationId: line.organisationId,
    details: { lineId: line.id, key: row.key, change, ...extra },
  });
}

/** Saves the text said by synthesis (and the transcript of a recording, which stays in place). */
export async function changePromptText(
  db: Db,
  caller: Caller,
  line: Line,
  key: string,
  text: string,
): Promise<void> {
  await linePrompt(db, line, key);
  const said = text.trim();
  if (!said) throw invalid({ texte: 'Saisissez le texte de l’annonce : elle ne peut pas être vide.' });
  if (said.length > MAX_PROMPT_TEXT) {
    throw invalid({ texte: `Ce texte est trop long (${MAX_PROMPT_TEXT} caractères au plus).` });
  }
  await db.transaction(async (tx) => {
    const row = await savePromptText(tx, line.id, key, said);
    await audit(tx, caller, line, row, 'texte');
  });
}

/**
 * Converts an uploaded recording (convert.ts: French validation errors on « fichier ») and makes it the
 * prompt's audio in both laws. The conversion runs before the transaction: sox takes its time.
 */
export async function recordPrompt(
  db: Db,
  caller: Caller,
  line: Line,
  key: string,
  file: { data: Buffer; filename: string },
): Promise<{ durationMs: number }> {
  const current = await linePrompt(db, line, key);
  const recording = await convertRecording(file.data);
  await db.transaction(async (tx) => {
    const row = await saveRecording(tx, line.id, key, { ...recording, text: current.text });
    await audit(tx, caller, line, row, 'enregistrement', {
      durationMs: recording.durationMs,
      filename: file.filename.slice(0, 200),
      bytes: file.data.length,
    });
  });
  return { durationMs: recording.durationMs };
}

/** Drops the recording: the prompt's text is synthesised again. */
export async function revertPromptToSynthesis(
  db: Db,
  caller: Caller,
  line: Line,
  key: string,
): Promise<void> {
  await linePrompt(db, line, key);
  await db.transaction(async (tx) => {
    const row = await dropRecording(tx, line.id, key);
    if (row) await audit(tx, caller, line, row, 'synthese');
  });
}
