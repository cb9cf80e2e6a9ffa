import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findBoundaryViolations } from './check-boundaries.ts';

function plant(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tremplin-boundaries-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  roots.push(root);
  return root;
}
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('module boundaries', () => {
  it('holds in this repository', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    expect(findBoundaryViolations(root)).toEqual([]);
  });

  it('catches a module importing another, by relative and by aliased path', () => {
    const root = plant({
      'src/modules/rsa/index.ts':
        "import { x } from '../accueil/calls.ts';\nimport y from '#/modules/accueil/calls.ts';",
      'src/modules/accueil/calls.ts': 'export const x = 1;',
    });
    const found = findBoundaryViolations(root);
    expect(found.map((v) => [v.file, v.line, v.message])).toEqual([
      ['src/modules/rsa/index.ts', 1, 'module "rsa" imports module "accueil"'],
      ['src/modules/rsa/index.ts', 2, 'module "rsa" imports module "accueil"'],
    ]);
  });

  it('catches the platform importing a module, also through a dynamic import', () => {
    const root = plant({
      'src/platform/web/layout.tsx': "const m = await import('../../modules/rsa/index.ts');",
      'src/modules/rsa/index.ts': 'export {};',
    });
    expect(findBoundaryViolations(root).map((v) => v.message)).toEqual(['the platform imports module "rsa"']);
  });

  it('catches a module reaching outside the platform (e.g. into src/app.ts)', () => {
    const root = plant({
      'src/modules/rsa/index.ts': "import { buildApp } from '../../app.ts';",
      'src/app.ts': 'export {};',
    });
    expect(findBoundaryViolations(root)).toHaveLength(1);
  });

  it('allows a module to import the platform, itself and packages', () => {
    const root = plant({
      'src/modules/rsa/index.ts':
        "import { can } from '../../platform/auth/permissions.ts';\nimport { t } from './tables.ts';\nimport { z } from 'zod';",
      'src/modules/rsa/tables.ts': 'export const t = 1;',
    });
    expect(findBoundaryViolations(root)).toEqual([]);
  });
});
