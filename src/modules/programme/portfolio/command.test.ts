import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { CommandError } from '../../../platform/commands.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { programmeModule } from '../index.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { exportBetagouvCommand } from './command.ts';
import { addPhase, newProject } from './testing.ts';

describe('npm run cli -- programme:export-betagouv', () => {
  let t: TestContext;
  let world: ProgrammeWorld;
  let dir: string;
  let slug: string;

  beforeAll(async () => {
    t = await startTestApp({}, [programmeModule]);
    const db = t.platform.database.db;
    world = await programmeWorld(db);
    // Not yet published: whoever runs the instance may still export it (to prepare the pull request).
    const project = await newProject(db, world, {
      title: 'Pau Partage',
      mission: 'Rompre l’isolement des aînés par des visites amicales',
      sponsors: ['agglomeration-pau'],
      usertypes: ['particulier'],
      territoryId: world.pauTerritory.id,
      isPublic: false,
    });
    await addPhase(db, project.id, 'investigation', '2019-02-04', '2019-06-05');
    await addPhase(db, project.id, 'transfer', '2020-01-06');
    slug = project.slug;
    dir = mkdtempSync(path.join(tmpdir(), 'betagouv-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  /** Runs the command and returns what it printed on stdout. */
  async function run(values: Record<string, string>, positionals: string[]): Promise<string> {
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const log = vi.spyOn(console, 'log').mockImplementation((line) => {
      written.push(`${String(line)}\n`);
    });
    try {
      await exportBetagouvCommand.run(t.platform, { values, positionals });
      return written.join('');
    } finally {
      stdout.mockRestore();
      log.mockRestore();
    }
  }

  it('prints the startup file on stdout', async () => {
    const printed = await run({}, [slug]);
    expect(printed.startsWith('---\n')).toBe(true);
    const [, yaml] = /^---\n([\s\S]*?)\n---\n/.exec(printed) ?? [];
    expect(parse(yaml!)).toMatchObject({
      title: 'Pau Partage',
      mission: 'Rompre l’isolement des aînés par des visites amicales',
      incubator: world.incubator.slug,
      sponsors: ['/organisations/agglomeration-pau'],
      phases: [
        { name: 'investigation', start: '2019-02-04', end: '2019-06-05' },
        { name: 'transfer', start: '2020-01-06' },
      ],
      usertypes: ['particulier'],
    });
    expect(printed).toContain('## Équipe');
  });

  it('writes it to --output instead', async () => {
    const file = path.join(dir, `${slug}.md`);
    expect(await run({ output: file }, [slug])).toBe(`Fiche beta.gouv.fr écrite dans ${file}.\n`);
    expect(readFileSync(file, 'utf8')).toBe(await run({}, [slug]));
  });

  it('refuses an unknown project and bad arguments in French', async () => {
    await expect(run({}, ['inconnu'])).rejects.toThrow(CommandError);
    await expect(run({}, ['inconnu'])).rejects.toThrow(/^Projet inconnu : inconnu\./);
    await expect(run({}, [])).rejects.toThrow(/Indiquez l’identifiant d’un seul projet/);
    await expect(run({}, [slug, 'autre'])).rejects.toThrow(/Indiquez l’identifiant d’un seul projet/);
    await expect(run({ output: path.join(dir, 'absent', 'x.md') }, [slug])).rejects.toThrow(
      /Impossible d’écrire le fichier/,
    );
  });

  it('is among the programme module’s commands', () => {
    expect(programmeModule.commands?.['programme:export-betagouv']).toBe(exportBetagouvCommand);
  });
});
