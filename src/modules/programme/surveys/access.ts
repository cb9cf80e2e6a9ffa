import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { type Form, getForm } from '../../../platform/forms/forms.service.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { openProjectWork, type WorkNeed, type WorkProject } from '../project-access.ts';
import { FORM_MODULE, projectOwnerRef } from './paths.ts';

/**
 * Who reaches a project's surveys. Those who work on the project (team, coach, incubator staff)
 * build them, type paper answers in and read the results; the team members' managers, who see the
 * project, read the surveys and their results only (403 on a change); anyone else gets 404, the same
 * answer as for a project or a survey that does not exist. A survey of another project, or a form of
 * another module, is not found either.
 */

export type Need = WorkNeed;

const READ_ONLY =
  'Vous consultez les enquêtes de ce projet en tant que responsable d’un membre de l’équipe : seuls l’équipe, son coach et l’incubateur les modifient.';

export type SurveysProject = WorkProject & { ownerRef: string };

export async function openSurveys(db: Db, caller: Caller, slug: string, need: Need): Promise<SurveysProject> {
  const project = await openProjectWork(db, caller, slug, need, READ_ONLY);
  return { ...project, ownerRef: projectOwnerRef(project.id) };
}

export type OpenedSurvey = { project: SurveysProject; form: Form };

export async function openSurvey(
  db: Db,
  caller: Caller,
  slug: string,
  formId: string,
  need: Need,
): Promise<OpenedSurvey> {
  const project = await openSurveys(db, caller, slug, 'read');
  const form = isUuid(formId) ? await getForm(db, formId) : null;
  if (!form || form.module !== FORM_MODULE || form.ownerRef !== project.ownerRef) throw notFound();
  if (need === 'write' && !project.mayWrite) throw forbidden(READ_ONLY);
  return { project, form };
}
