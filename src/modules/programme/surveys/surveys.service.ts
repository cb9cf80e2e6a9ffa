import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Answers } from '../../../platform/forms/answers.ts';
import { createForm, type Form, formsOf } from '../../../platform/forms/forms.service.ts';
import {
  recordResponse,
  responsesOf,
  type StoredResponse,
} from '../../../platform/forms/responses.service.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import type { OpenedSurvey, SurveysProject } from './access.ts';
import { FORM_MODULE } from './paths.ts';

/**
 * The use-cases of a project's field surveys, once access.ts has opened the project or the survey.
 * The questionnaires themselves are the platform's forms (src/platform/forms): building, answering
 * and counting are theirs; this adds whose surveys they are and the audit trail of what agents do
 * with answers (typing a paper copy in, exporting them).
 */

export async function surveysOfProject(db: Db, project: SurveysProject) {
  return formsOf(db, FORM_MODULE, project.ownerRef);
}

export async function createProjectSurvey(
  db: Db,
  caller: Caller,
  project: SurveysProject,
  title: string,
): Promise<Form> {
  return createForm(db, {
    module: FORM_MODULE,
    ownerRef: project.ownerRef,
    title,
    createdBy: caller.actor.agentId,
  });
}

/** A paper questionnaire typed in by an agent, with the number written on it; audited. */
export async function enterPaperResponse(
  db: Db,
  caller: Caller,
  { project, form }: OpenedSurvey,
  input: { answers: Answers; paperRef: string; submissionKey: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const outcome = await recordResponse(
      tx,
      form.id,
      { source: 'papier', enteredBy: caller.actor.agentId, ...input },
      now,
    );
    if (outcome.recorded === 'new') {
      await recordAudit(tx, caller.audit, {
        action: 'create',
        resourceType: 'form_response',
        resourceId: form.id,
        territoryId: project.territoryId,
        details: { source: 'papier', paperRef: input.paperRef },
      });
    }
    return outcome;
  });
}

/** Every response of a survey for the CSV export (free text may name people): audited. */
export async function exportSurveyResponses(
  db: Db,
  caller: Caller,
  { project, form }: OpenedSurvey,
): Promise<StoredResponse[]> {
  const responses = await responsesOf(db, form.id);
  await recordAudit(db, caller.audit, {
    action: 'export',
    resourceType: 'form_response',
    resourceId: form.id,
    territoryId: project.territoryId,
    details: { format: 'csv', count: responses.length },
  });
  return responses;
}
