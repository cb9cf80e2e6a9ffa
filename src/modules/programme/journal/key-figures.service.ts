import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { type JournalProject, openJournal } from './access.ts';
import {
  deleteKeyFigure,
  findKeyFigure,
  insertKeyFigure,
  type KeyFigure,
  keyFiguresOf,
  setKeyFigurePositions,
  updateKeyFigure,
} from './key-figures.repository.ts';
import { moveInOrder } from './ordering.ts';
import type { KeyFigureInput } from './schemas.ts';

/**
 * Key figures (« 70 % des appels perdus ») with their source. Public ones appear on the project's
 * portfolio page (the portfolio part reads programme_key_figures where is_public).
 */

const NOT_FOUND = 'Ce chiffre clé n’existe pas ou vous n’y avez pas accès.';

const valuesOf = (input: KeyFigureInput) => ({
  value: input.valeur,
  label: input.libelle,
  source: input.source,
  isPublic: input.public,
});

async function figureOf(db: Db, project: JournalProject, id: string): Promise<KeyFigure> {
  const row = isUuid(id) ? await findKeyFigure(db, project.id, id) : null;
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

export async function keyFigureToEdit(db: Db, caller: Caller, slug: string, id: string) {
  const project = await openJournal(db, caller, slug, 'write');
  return { project, figure: await figureOf(db, project, id) };
}

export async function addKeyFigure(db: Db, caller: Caller, slug: string, input: KeyFigureInput) {
  const project = await openJournal(db, caller, slug, 'write');
  await insertKeyFigure(db, project.id, valuesOf(input));
  return project;
}

export async function editKeyFigure(db: Db, caller: Caller, slug: string, id: string, input: KeyFigureInput) {
  const project = await openJournal(db, caller, slug, 'write');
  await figureOf(db, project, id);
  await updateKeyFigure(db, project.id, id, valuesOf(input));
}

export async function moveKeyFigure(
  db: Db,
  caller: Caller,
  slug: string,
  id: string,
  direction: 'up' | 'down',
): Promise<boolean> {
  const project = await openJournal(db, caller, slug, 'write');
  return db.transaction(async (tx) => {
    await figureOf(tx, project, id);
    const order = moveInOrder(await keyFiguresOf(tx, project.id), id, direction);
    if (!order) return false;
    await setKeyFigurePositions(tx, project.id, order);
    return true;
  });
}

export async function removeKeyFigure(db: Db, caller: Caller, slug: string, id: string): Promise<void> {
  const project = await openJournal(db, caller, slug, 'write');
  await figureOf(db, project, id);
  await deleteKeyFigure(db, project.id, id);
}

export function keyFigureFormValues(row: KeyFigure): Record<string, string | undefined> {
  return {
    valeur: row.value,
    libelle: row.label,
    source: row.source,
    public: row.isPublic ? 'on' : undefined,
  };
}
