import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsfrDist } from './assets.ts';

/** A DSFR icon class that does not exist draws a filled square and hides the button's label. */
describe('DSFR icons used in the pages', () => {
  it('all exist in the stylesheets the layout loads', () => {
    const css = ['dsfr.min.css', 'utility/icons/icons.min.css']
      .map((file) => readFileSync(path.join(dsfrDist, file), 'utf8'))
      .join('\n');
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry))
          for (const m of readFileSync(file, 'utf8').matchAll(/fr-icon-[a-z0-9-]+/g)) used.add(m[0]);
      }
    };
    walk(path.resolve(import.meta.dirname, '../..'));
    const missing = [...used].filter((icon) => !css.includes(`.${icon}`));
    expect(missing).toEqual([]);
  });
});
