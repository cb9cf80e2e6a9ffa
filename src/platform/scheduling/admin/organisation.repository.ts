import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organisations } from '../../tenancy/tables.ts';

/** The few columns the settings pages need of the organisation that owns a record. */
export async function findOrganisationById(db: Db, id: string) {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      territoryId: organisations.territoryId,
    })
    .from(organisations)
    .where(eq(organisations.id, id))
    .limit(1);
  return row;
}
