import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { forms } from '../../../platform/forms/tables.ts';

/**
 * The project's field surveys, which the surveys part builds as platform forms owned by the project
 * (module 'programme', owner_ref 'project:<id>'). The ledger only cites them, by title.
 */
export const surveyOwnerRef = (projectId: string) => `project:${projectId}`;

export async function surveysOf(db: Db, projectId: string): Promise<{ id: string; title: string }[]> {
  return db
    .select({ id: forms.id, title: forms.title })
    .from(forms)
    .where(and(eq(forms.module, 'programme'), eq(forms.ownerRef, surveyOwnerRef(projectId))))
    .orderBy(asc(forms.createdAt));
}
