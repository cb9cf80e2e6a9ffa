import type { Db } from '../../../platform/db/client.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { hypothesisStateLabels } from '../labels.ts';
import { type JournalProject, openJournal } from './access.ts';
import {
  deleteUncitedHypothesis,
  evidenceCountOf,
  findHypothesis,
  type Hypothesis,
  hypothesesOf,
  insertHypothesis,
  setHypothesisPositions,
  updateHypothesis,
} from './hypotheses.repository.ts';
import { type HypothesisState, stateChangeProblem } from './hypothesis-states.ts';
import { moveInOrder } from './ordering.ts';

/** The hypotheses a team tries to invalidate: wording, state with its conclusion, order, deletion. */

const NOT_FOUND = 'Cette hypothèse n’existe pas ou vous n’y avez pas accès.';

async function hypothesisOf(db: Db, project: JournalProject, id: string, lock = false) {
  const row = isUuid(id) ? await findHypothesis(db, project.id, id, lock) : null;
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

export async function addHypothesis(
  db: Db,
  caller: Caller,
  slug: string,
  statement: string,
): Promise<JournalProject> {
  const project = await openJournal(db, caller, slug, 'write');
  await insertHypothesis(db, { projectId: project.id, statement, createdBy: caller.actor.agentId });
  return project;
}

/** The edit page: the hypothesis and how many pieces of evidence cite it (deletion is refused then). */
export async function hypothesisToEdit(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
): Promise<{ project: JournalProject; hypothesis: Hypothesis; citedBy: number }> {
  const project = await openJournal(db, caller, slug, 'write');
  const hypothesis = await hypothesisOf(db, project, id);
  return { project, hypothesis, citedBy: await evidenceCountOf(db, hypothesis.id) };
}

export async function rewordHypothesis(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  statement: string,
  now: Date,
): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  await hypothesisOf(db, project, id);
  await updateHypothesis(db, project.id, id, { statement }, now);
}

/**
 * Moves the hypothesis to another state (hypothesis-states.ts says which); a conclusion is required to
 * invalidate or confirm it. The conclusion typed is kept whatever the state, so reopening loses nothing.
 */
export async function changeHypothesisState(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  change: { state: HypothesisState; conclusion: string },
  now: Date,
): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  await db.transaction(async (tx) => {
    const hypothesis = await hypothesisOf(tx, project, id, true);
    const problem = stateChangeProblem(hypothesis.state, change.state, change.conclusion);
    if (problem) {
      throw invalid(
        { [problem.field]: problem.message },
        `Impossible de passer l’hypothèse de « ${hypothesisStateLabels[hypothesis.state]} » à « ${hypothesisStateLabels[change.state]} ».`,
      );
    }
    const conclusion = change.conclusion.trim() || hypothesis.conclusion;
    await updateHypothesis(tx, project.id, id, { state: change.state, conclusion }, now);
  });
}

/**
 * One step up or down among the hypotheses of the same state (the overview groups them by state).
 * Returns false when it is already first or last.
 */
export async function moveHypothesis(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  direction: 'up' | 'down',
): Promise<boolean> {
  const project = await openJournal(db, caller, slug, 'write');
  return db.transaction(async (tx) => {
    await hypothesisOf(tx, project, id, true);
    const order = moveInOrder(
      await hypothesesOf(tx, project.id),
      id,
      direction,
      (a, b) => a.state === b.state,
    );
    if (!order) return false;
    await setHypothesisPositions(tx, project.id, order);
    return true;
  });
}

/**
 * Deletes a hypothesis that no evidence cites. Evidence that cites it is part of the team's reasoning:
 * rather than silently unlinking it, the deletion is refused and the team edits those pieces first.
 */
export async function deleteHypothesis(db: Db, caller: Caller, slug: string, id: string): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  const hypothesis = await hypothesisOf(db, project, id);
  if (await deleteUncitedHypothesis(db, project.id, hypothesis.id)) return;
  const cited = await evidenceCountOf(db, hypothesis.id);
  throw conflict(
    `Cette hypothèse est citée par ${cited} preuve${cited > 1 ? 's' : ''} du registre : retirez d’abord le lien dans ${cited > 1 ? 'ces preuves' : 'cette preuve'}, puis supprimez-la. Si elle n’est plus d’actualité, vous pouvez aussi la conclure.`,
  );
}
