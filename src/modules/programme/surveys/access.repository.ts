import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { projects } from '../tables.ts';

/** The project a survey page is about, found by the slug of its URL. */
export async function projectBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      territoryId: projects.territoryId,
    })
    .from(projects)
    .where(eq(projects.slug, slug));
  return row ?? null;
}
