import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../platform/commands.ts';
import { newOrganisation, newTerritory } from '../../../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaModule } from '../index.ts';
import { rsaImportCommand } from './command.ts';
import { sampleSpreadsheet } from './testing.ts';

describe('npm run cli -- rsa:import', () => {
  let t: TestContext;
  let dir: string;
  let slug: string;

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    const db = t.platform.database.db;
    const territory = await newTerritory(db, { kind: 'departement', code: '83', name: 'Département du Var' });
    slug = (await newOrganisation(db, { territoryId: territory.id, kind: 'direction' })).slug;
    dir = mkdtempSync(path.join(tmpdir(), 'rsa-import-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  async function run(values: Record<string, string>, positionals: string[]): Promise<string> {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await rsaImportCommand.run(t.platform, { values, positionals });
      return out.mock.calls.map((c) => String(c[0])).join('\n');
    } finally {
      out.mockRestore();
    }
  }

  it('prints each rejected line, then the counts; a second run changes nothing', async () => {
    const file = path.join(dir, 'entrants.ods');
    writeFileSync(file, sampleSpreadsheet('ods'));
    expect((await run({ organisation: slug }, [file])).split('\n')).toEqual([
      'line 7: Nom manquant',
      'line 8: Date de naissance impossible : « 31/02/1990 » (attendu jj/mm/aaaa)',
      'line 9: Commune inconnue : « Touloun » 83000',
      'line 10: Téléphone invalide : « 12345 »',
      'line 11: Doublon de la ligne 3 (même numéro allocataire et même rôle)',
      'line 12: Doublon de la ligne 6 (mêmes nom, prénom et date de naissance)',
      'created 4, updated 0, unchanged 0, rejected 6',
    ]);
    expect((await run({ organisation: slug }, [file])).split('\n').at(-1)).toBe(
      'created 0, updated 0, unchanged 4, rejected 6',
    );
  });

  it('refuses bad arguments, an unknown organisation and an unreadable file in French', async () => {
    await expect(run({}, ['x.csv'])).rejects.toThrow(CommandError);
    await expect(run({ organisation: slug }, [])).rejects.toThrow(
      /Indiquez une organisation et un seul fichier/,
    );
    await expect(run({ organisation: 'inconnue' }, ['x.csv'])).rejects.toThrow(
      'Organisation inconnue ou sans territoire : inconnue',
    );
    await expect(run({ organisation: slug }, [path.join(dir, 'absent.csv')])).rejects.toThrow(
      /Impossible de lire le fichier/,
    );
    const pdf = path.join(dir, 'liste.pdf');
    writeFileSync(pdf, '%PDF-1.7');
    await expect(run({ organisation: slug }, [pdf])).rejects.toThrow(
      /Fichier illisible : Ce fichier est un PDF/,
    );
    const noNames = path.join(dir, 'sans-noms.csv');
    writeFileSync(noNames, 'Commune;Code postal\nToulon;83000\n');
    await expect(run({ organisation: slug }, [noNames])).rejects.toThrow(
      /Colonnes introuvables : Nom, Prénom/,
    );
  });
});
