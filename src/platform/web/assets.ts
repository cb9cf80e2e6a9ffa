import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const dsfrDist = path.join(root, 'node_modules/@gouvfr/dsfr/dist');
export const publicDir = path.join(root, 'public');

const dsfrVersion = (
  JSON.parse(readFileSync(path.join(root, 'node_modules/@gouvfr/dsfr/package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Asset URLs carry a version, so they can be cached for a year and still change on upgrade. */
export const dsfrPrefix = `/static/dsfr-${dsfrVersion}/`;
export const publicPrefix = `/static/app-${hashDir(['app.css', 'app.js'])}/`;

function hashDir(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(path.join(publicDir, file)));
  return hash.digest('hex').slice(0, 10);
}

export const assets = {
  dsfrCss: `${dsfrPrefix}dsfr.min.css`,
  iconsCss: `${dsfrPrefix}utility/icons/icons.min.css`,
  dsfrModule: `${dsfrPrefix}dsfr.module.min.js`,
  dsfrNoModule: `${dsfrPrefix}dsfr.nomodule.min.js`,
  favicon: `${dsfrPrefix}favicon/favicon.svg`,
  appleTouchIcon: `${dsfrPrefix}favicon/apple-touch-icon.png`,
  manifest: `${dsfrPrefix}favicon/manifest.webmanifest`,
  appCss: `${publicPrefix}app.css`,
  appJs: `${publicPrefix}app.js`,
};
