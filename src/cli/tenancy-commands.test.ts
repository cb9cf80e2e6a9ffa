import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEvents } from '../platform/audit/tables.ts';
import { agents, memberships } from '../platform/tenancy/tables.ts';
import { newAgent, newOrganisation, newTerritory } from '../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../platform/testing/harness.ts';
import { agentCreateCommand } from './agent-create.ts';
import { organisationListCommand } from './organisation-list.ts';

class TestCommandError extends Error {}

/** Runs a command with console.log captured; returns what it printed. */
async function run(
  command: { run(platform: TestContext['platform'], args: never): Promise<void> },
  t: TestContext,
  values: Record<string, string | boolean | undefined> = {},
): Promise<string> {
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await command.run(t.platform, { values, positionals: [] } as never);
    return out.mock.calls.map((c) => String(c[0])).join('\n');
  } finally {
    out.mockRestore();
  }
}

describe('organisation:list and agent:create', () => {
  let t: TestContext;
  const agentCreate = agentCreateCommand(TestCommandError);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('lists organisations as aligned columns', async () => {
    expect(await run(organisationListCommand(), t)).toBe('Aucune organisation.');
    const territory = await newTerritory(db(), { name: 'Département du Var' });
    await newOrganisation(db(), {
      territoryId: territory.id,
      slug: 'var-insertion',
      name: 'Direction de l’insertion',
    });
    await newOrganisation(db(), { territoryId: null, slug: 'incubateur', name: 'Incubateur' });
    const lines = (await run(organisationListCommand(), t)).split('\n');
    expect(lines).toEqual([
      'IDENTIFIANT    NOM                       TERRITOIRE',
      'var-insertion  Direction de l’insertion  Département du Var',
      'incubateur     Incubateur                (aucun)',
    ]);
  });

  it('creates an agent, adds the membership and says so', async () => {
    const organisation = await newOrganisation(db(), { name: 'CCAS de Pau' });
    const printed = await run(agentCreate, t, {
      email: 'Premiere.Admin@Exemple.fr',
      organisation: organisation.slug,
      role: 'admin',
      'first-name': 'Maïté',
      'last-name': 'Etcheverry',
    });
    expect(printed).toContain('Agent créé : premiere.admin@exemple.fr.');
    expect(printed).toContain(
      `Ajouté à « CCAS de Pau » (${organisation.slug}) avec le rôle « Administrateur de l’organisation ».`,
    );
    const [agent] = await db().select().from(agents).where(eq(agents.email, 'premiere.admin@exemple.fr'));
    expect(agent).toMatchObject({ firstName: 'Maïté', lastName: 'Etcheverry', isOperator: false });
    const [membership] = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.agentId, agent!.id), eq(memberships.organisationId, organisation.id)));
    expect(membership?.role).toBe('admin');
    const trail = await db().select().from(auditEvents).where(eq(auditEvents.resourceId, agent!.id));
    expect(trail.map((e) => [e.action, e.resourceType, e.actorType, e.actorLabel])).toEqual([
      ['create', 'agent', 'system', 'ligne de commande'],
      ['create', 'membership', 'system', 'ligne de commande'],
    ]);
  });

  it('reuses an existing account, and makes it an operator with --operator', async () => {
    const existing = await newAgent(db(), { email: 'deja@exemple.fr' });
    const organisation = await newOrganisation(db(), { territoryId: null, kind: 'incubateur' });
    const printed = await run(agentCreate, t, {
      email: 'DEJA@exemple.fr',
      organisation: organisation.slug,
      role: 'agent',
      operator: true,
    });
    expect(printed).toContain('Compte existant repris : deja@exemple.fr.');
    expect(printed).toContain('Il est opérateur de la plateforme.');
    const [row] = await db().select().from(agents).where(eq(agents.id, existing.id));
    expect(row!.isOperator).toBe(true);
  });

  it('fails clearly on a bad email, an unknown role, an unknown organisation, a missing name or a member', async () => {
    const organisation = await newOrganisation(db());
    const member = await newAgent(db(), {
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });
    const cases: [Record<string, string>, string][] = [
      [
        { email: 'pas-une-adresse', organisation: organisation.slug, role: 'agent' },
        '--email : « pas-une-adresse » n’est pas une adresse électronique valide.',
      ],
      [
        { email: 'a@exemple.fr', organisation: organisation.slug, role: 'chef' },
        '--role : rôle inconnu « chef ». Choisissez admin, agent ou readonly.',
      ],
      [
        { email: 'a@exemple.fr', organisation: 'nulle-part', role: 'agent' },
        'Aucune organisation ne porte l’identifiant « nulle-part ».',
      ],
      [
        { email: 'nouveau@exemple.fr', organisation: organisation.slug, role: 'agent' },
        '--first-name : Saisissez le prénom',
      ],
      [
        { email: member.email, organisation: organisation.slug, role: 'admin' },
        `--email : Cette personne est déjà membre de ${organisation.name}.`,
      ],
      [{}, '--organisation : indiquez l’identifiant (slug) de l’organisation.'],
    ];
    for (const [values, message] of cases) {
      const failure = run(agentCreate, t, values);
      await expect(failure).rejects.toBeInstanceOf(TestCommandError);
      await expect(failure).rejects.toThrow(message);
    }
    expect(await db().select().from(agents).where(eq(agents.email, 'nouveau@exemple.fr'))).toEqual([]);
    const [kept] = await db().select().from(memberships).where(eq(memberships.agentId, member.id));
    expect(kept?.role).toBe('agent');
  });
});

/** The real entry point, as an operator types it, against a throwaway embedded database. */
describe('npm run cli (spawned)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        // A clean environment: vitest's own (BASE_URL=/, TEST_DATABASE_URL…) is not the operator's.
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          DATA_DIR: dataDir,
          SEED_DEMO: 'false',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('seeds, lists, creates an agent, and exits 1 with a French message on bad input', async () => {
    const seeded = await cli(['seed']);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    const list = await cli(['organisation:list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^IDENTIFIANT\s+NOM\s+TERRITOIRE$/m);
    expect(list.stdout).toMatch(/^var-uts-la-seyne\s+UTS de La Seyne-sur-Mer\s+Département du Var$/m);

    const created = await cli([
      'agent:create',
      '--email',
      'nouvelle@var.tremplin.demo',
      '--organisation',
      'var-uts-la-seyne',
      '--role',
      'readonly',
      '--first-name',
      'Nina',
      '--last-name',
      'Test',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Agent créé : nouvelle@var.tremplin.demo.');

    const unknown = await cli([
      'agent:create',
      '--email',
      'x@exemple.fr',
      '--organisation',
      'nulle-part',
      '--role',
      'agent',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Aucune organisation ne porte l’identifiant « nulle-part ».');
  }, 120_000);
});
