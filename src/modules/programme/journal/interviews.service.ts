import { type AuditAction, recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { type JournalProject, openJournal } from './access.ts';
import { consentProblems } from './interview-consent.ts';
import {
  deleteInterview,
  findInterview,
  type Interview,
  type InterviewValues,
  insertInterview,
  interviewListOf,
  updateInterview,
} from './interviews.repository.ts';
import type { InterviewInput } from './schemas.ts';

/**
 * Interviews of the field investigation. The interviewee's name and contact are personal data: kept
 * only with recorded consent (interview-consent.ts), read one interview at a time with the read in the
 * audit trail, every change audited, and erased at the end of the cohort (anonymise.service.ts).
 */

const NOT_FOUND = 'Cet entretien n’existe pas ou vous n’y avez pas accès.';
export const AUDIT_RESOURCE = 'programme_interview';

const names = (row: Pick<Interview, 'intervieweeName' | 'intervieweeContact'>) =>
  Boolean(row.intervieweeName || row.intervieweeContact);

async function audit(
  db: Db,
  caller: Caller,
  project: JournalProject,
  action: AuditAction,
  id: string,
  details: Record<string, unknown> = {},
) {
  await recordAudit(db, caller.audit, {
    action,
    resourceType: AUDIT_RESOURCE,
    resourceId: id,
    territoryId: project.territoryId,
    details: { projectId: project.id, ...details },
  });
}

async function interviewOf(db: Db, project: JournalProject, id: string): Promise<Interview> {
  const row = isUuid(id) ? await findInterview(db, project.id, id) : null;
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

/** Whether names may no longer be kept: the interview, or its whole cohort, has been anonymised. */
function anonymised(project: JournalProject, interview?: Interview): boolean {
  return project.cohort.interviewsAnonymisedAt !== null || Boolean(interview?.anonymisedAt);
}

export async function interviewsPage(db: Db, caller: Caller, slug: string) {
  const project = await openJournal(db, caller, slug, 'read');
  return { project, interviews: await interviewListOf(db, project.id) };
}

/**
 * One interview, for reading (`read`: its page, managers included) or for editing (`write`). Showing a
 * name or a contact is a read of personal data, written to the audit trail.
 */
export async function openInterview(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  need: 'read' | 'write',
): Promise<{ project: JournalProject; interview: Interview; namesLocked: boolean }> {
  const project = await openJournal(db, caller, slug, need);
  const interview = await interviewOf(db, project, id);
  if (names(interview)) await audit(db, caller, project, 'read', interview.id);
  return { project, interview, namesLocked: anonymised(project, interview) };
}

/** Whether a new interview of the project may still name someone (not once the cohort is anonymised). */
export async function newInterviewPage(db: Db, caller: Caller, slug: string) {
  const project = await openJournal(db, caller, slug, 'write');
  return { project, namesLocked: anonymised(project) };
}

function checked(input: InterviewInput, locked: boolean): InterviewValues {
  const errors = consentProblems(
    {
      consentRecorded: input.consentement,
      consentMode: input.modeConsentement,
      name: input.nom,
      contact: input.contact,
    },
    { anonymised: locked },
  );
  if (Object.keys(errors).length) throw invalid(errors);
  return {
    intervieweeRole: input.role,
    interviewedOn: input.date,
    consentRecorded: input.consentement,
    consentMode: input.consentement ? input.modeConsentement : '',
    intervieweeName: input.nom || null,
    intervieweeContact: input.contact || null,
    notes: input.notes,
  };
}

export async function recordInterview(
  db: Db,
  caller: Caller,
  slug: string,
  input: InterviewInput,
): Promise<{ project: JournalProject; id: string }> {
  const project = await openJournal(db, caller, slug, 'write');
  const values = checked(input, anonymised(project));
  const id = await db.transaction(async (tx) => {
    const id = await insertInterview(tx, project.id, caller.actor.agentId, values);
    await audit(tx, caller, project, 'create', id, {
      withName: names(values),
      consent: values.consentRecorded,
    });
    return id;
  });
  return { project, id };
}

const compared: (keyof InterviewValues)[] = [
  'intervieweeName',
  'intervieweeContact',
  'intervieweeRole',
  'interviewedOn',
  'consentRecorded',
  'consentMode',
  'notes',
];

export async function editInterview(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  input: InterviewInput,
): Promise<{ changed: string[] }> {
  const project = await openJournal(db, caller, slug, 'write');
  return db.transaction(async (tx) => {
    const before = await interviewOf(tx, project, id);
    const values = checked(input, anonymised(project, before));
    // The trail names the fields that changed, never their values.
    const changed = compared.filter((key) => before[key] !== values[key]);
    if (changed.length === 0) return { changed };
    await updateInterview(tx, project.id, id, values);
    await audit(tx, caller, project, 'update', id, { changed });
    return { changed };
  });
}

export async function removeInterview(db: Db, caller: Caller, slug: string, id: string): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  await db.transaction(async (tx) => {
    await interviewOf(tx, project, id);
    // Evidence citing it stays in the ledger, without the link (the foreign key sets it to null).
    if (await deleteInterview(tx, project.id, id)) await audit(tx, caller, project, 'delete', id);
  });
}

export function interviewFormValues(row: Interview): Record<string, string> {
  return {
    role: row.intervieweeRole,
    date: row.interviewedOn,
    consentement: row.consentRecorded ? 'oui' : 'non',
    modeConsentement: row.consentMode,
    nom: row.intervieweeName ?? '',
    contact: row.intervieweeContact ?? '',
    notes: row.notes,
  };
}
