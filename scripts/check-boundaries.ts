import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The dependency rule of DESIGN.md, checked rather than documented: a module imports only
 * src/platform/ and itself; src/platform/ imports no module. Relative paths and the `#`/`@`/`~`
 * aliases are resolved before comparing, so an aliased import cannot slip through.
 */
export type Violation = { file: string; line: number; specifier: string; message: string };

const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

type Area = { kind: 'module'; name: string } | { kind: 'platform' } | { kind: 'other' };

function areaOf(relativePath: string): Area {
  const parts = relativePath.split(/[\\/]/);
  if (parts[0] === 'src' && parts[1] === 'modules' && parts.length > 3)
    return { kind: 'module', name: parts[2]! };
  if (parts[0] === 'src' && parts[1] === 'platform') return { kind: 'platform' };
  return { kind: 'other' };
}

function resolveTarget(root: string, file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.'))
    return path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier));
  const alias = /^[#@~]\/(.*)$/.exec(specifier);
  if (alias) return path.join('src', alias[1]!);
  return undefined; // a package
}

export function findBoundaryViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(root, 'src')) {
    const own = areaOf(file);
    if (own.kind === 'other') continue;
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      for (const match of text.matchAll(importPattern)) {
        const specifier = match[1]!;
        const target = resolveTarget(root, file, specifier);
        if (!target) continue;
        const to = areaOf(target);
        if (
          to.kind === 'other' &&
          target.startsWith('src') &&
          !target.startsWith(path.join('src', 'modules'))
        ) {
          if (own.kind === 'platform' || own.kind === 'module') {
            violations.push({
              file,
              line: index + 1,
              specifier,
              message: `imports ${target}, outside src/platform`,
            });
          }
          continue;
        }
        if (to.kind !== 'module') continue;
        if (own.kind === 'platform') {
          violations.push({
            file,
            line: index + 1,
            specifier,
            message: `the platform imports module "${to.name}"`,
          });
        } else if (own.kind === 'module' && own.name !== to.name) {
          violations.push({
            file,
            line: index + 1,
            specifier,
            message: `module "${own.name}" imports module "${to.name}"`,
          });
        }
      }
    });
  }
  return violations;
}

function sourceFiles(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  return readdirSync(absolute).flatMap((entry) => {
    const relative = path.join(dir, entry);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(root, relative);
    return /\.(ts|tsx|js|mjs)$/.test(entry) ? [relative] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const violations = findBoundaryViolations(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message} (${v.specifier})`);
  if (violations.length) {
    console.error(
      `${violations.length} import(s) break the module boundaries (see DESIGN.md, "Dependency rule").`,
    );
    process.exit(1);
  }
  console.log('Module boundaries respected.');
}
