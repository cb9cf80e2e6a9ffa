import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { type JournalProject, openJournal } from './access.ts';
import {
  deleteEvidence,
  type Evidence,
  type EvidenceValues,
  findEvidence,
  insertEvidence,
  updateEvidence,
} from './evidence.repository.ts';
import { hypothesesOf } from './hypotheses.repository.ts';
import { interviewListOf } from './interviews.repository.ts';
import { CHOOSE_HYPOTHESIS, CHOOSE_INTERVIEW, CHOOSE_SURVEY, type EvidenceInput } from './schemas.ts';
import { surveysOf } from './surveys.repository.ts';

/** The evidence ledger: adding, correcting and removing pieces, and what a piece may point at. */

const NOT_FOUND = 'Cette preuve n’existe pas ou vous n’y avez pas accès.';

/** What a piece may cite: the project's own hypotheses, interviews (by role and date) and surveys. */
export async function linkChoicesOf(db: Db, projectId: string) {
  const [hypotheses, interviews, surveys] = await Promise.all([
    hypothesesOf(db, projectId),
    interviewListOf(db, projectId),
    surveysOf(db, projectId),
  ]);
  return { hypotheses, interviews, surveys };
}

export type LinkChoices = Awaited<ReturnType<typeof linkChoicesOf>>;

/**
 * A link must point inside the project: an id typed or forged from another project's page is refused
 * on its field, as if it were not in the list (it is not).
 */
function linkProblems(input: EvidenceInput, choices: LinkChoices): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.hypothese && !choices.hypotheses.some((h) => h.id === input.hypothese)) {
    errors.hypothese = CHOOSE_HYPOTHESIS;
  }
  if (input.entretien && !choices.interviews.some((i) => i.id === input.entretien)) {
    errors.entretien = CHOOSE_INTERVIEW;
  }
  if (input.enquete && !choices.surveys.some((s) => s.id === input.enquete)) errors.enquete = CHOOSE_SURVEY;
  return errors;
}

function valuesOf(input: EvidenceInput): EvidenceValues {
  return {
    kind: input.nature,
    claim: input.objet,
    confidence: input.confiance,
    title: input.titre,
    summary: input.resume,
    source: input.source,
    collectedOn: input.date,
    hypothesisId: input.hypothese,
    interviewId: input.entretien,
    formId: input.enquete,
  };
}

/** The form of a new piece, or of an existing one (`id`). */
export async function evidenceFormPage(
  db: Db,
  caller: Caller,
  slug: string,
  id?: string,
): Promise<{ project: JournalProject; choices: LinkChoices; evidence: Evidence | null }> {
  const project = await openJournal(db, caller, slug, 'write');
  const evidence = id === undefined ? null : await evidenceOf(db, project, id);
  return { project, choices: await linkChoicesOf(db, project.id), evidence };
}

async function evidenceOf(db: Db, project: JournalProject, id: string): Promise<Evidence> {
  const row = isUuid(id) ? await findEvidence(db, project.id, id) : null;
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

export async function recordEvidence(
  db: Db,
  caller: Caller,
  slug: string,
  input: EvidenceInput,
): Promise<JournalProject> {
  const project = await openJournal(db, caller, slug, 'write');
  await db.transaction(async (tx) => {
    const errors = linkProblems(input, await linkChoicesOf(tx, project.id));
    if (Object.keys(errors).length) throw invalid(errors);
    await insertEvidence(tx, project.id, caller.actor.agentId, valuesOf(input));
  });
  return project;
}

export async function editEvidence(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  input: EvidenceInput,
): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  await db.transaction(async (tx) => {
    await evidenceOf(tx, project, id);
    const errors = linkProblems(input, await linkChoicesOf(tx, project.id));
    if (Object.keys(errors).length) throw invalid(errors);
    await updateEvidence(tx, project.id, id, valuesOf(input));
  });
}

export async function removeEvidence(db: Db, caller: Caller, slug: string, id: string): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  await evidenceOf(db, project, id);
  await deleteEvidence(db, project.id, id);
}

/** The form's values for a saved piece. */
export function evidenceFormValues(row: Evidence): Record<string, string> {
  return {
    nature: row.kind,
    objet: row.claim,
    confiance: row.confidence,
    titre: row.title,
    resume: row.summary,
    source: row.source,
    date: row.collectedOn,
    hypothese: row.hypothesisId ?? '',
    entretien: row.interviewId ?? '',
    enquete: row.formId ?? '',
  };
}
