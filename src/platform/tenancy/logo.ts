/**
 * A territory's logo: which files are accepted, and the URL it is served at. Pure functions, no I/O.
 *
 * Only PNG, JPEG and WebP are accepted, recognised by their first bytes: the name and the type the
 * browser declares are chosen by the sender and prove nothing. SVG is refused because an SVG may
 * carry scripts. The check constraints of migration 0002 repeat the type and size rules.
 */

/** 200 Ko: plenty for a logo drawn at 3.5 rem high in the header. The migration checks the same number. */
export const MAX_LOGO_BYTES = 200 * 1024;

export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What the file input of the form accepts (a hint for the browser's picker, not a check). */
export const logoAccept = '.png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

/** The image type the bytes really are, from their signature; null for anything else. */
export function sniffLogoType(bytes: Uint8Array): LogoContentType | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  // RIFF container: "RIFF", 4 bytes of length, then "WEBP".
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return null;
}

/** An SVG (or any XML) starts with "<", after an optional byte-order mark and blanks. */
function looksLikeSvg(bytes: Uint8Array, filename: string, declaredType: string): boolean {
  if (/\.svgz?$/i.test(filename) || declaredType.toLowerCase().startsWith('image/svg')) return true;
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

export type LogoFile = { filename: string; declaredType: string; data: Buffer; tooLarge: boolean };

export const logoMessages = {
  missing: 'Choisissez un fichier PNG, JPEG ou WebP.',
  tooLarge:
    'Ce fichier dépasse 200 Ko. Réduisez l’image (400 pixels de large suffisent) puis envoyez-la à nouveau.',
  svg: 'Les images SVG ne sont pas acceptées, car elles peuvent contenir des scripts. Envoyez le logo en PNG, JPEG ou WebP.',
  notAnImage:
    'Ce fichier n’est pas une image PNG, JPEG ou WebP : son contenu ne correspond à aucun de ces formats, quel que soit son nom.',
} as const;

/** Accepts the file as a logo, or says in French what is wrong with it. */
export function checkLogo(
  file: LogoFile | undefined,
): { ok: true; data: Buffer; contentType: LogoContentType } | { ok: false; message: string } {
  if (!file || file.data.length === 0) return { ok: false, message: logoMessages.missing };
  // The type first (the beginning of a too-large file is enough to tell it), so that a large SVG is
  // not sent back to be made smaller, only to be refused next time.
  const contentType = sniffLogoType(file.data);
  if (!contentType) {
    const svg = looksLikeSvg(file.data, file.filename, file.declaredType);
    return { ok: false, message: svg ? logoMessages.svg : logoMessages.notAnImage };
  }
  if (file.tooLarge || file.data.length > MAX_LOGO_BYTES)
    return { ok: false, message: logoMessages.tooLarge };
  return { ok: true, data: file.data, contentType };
}

/** The version put in the logo's URL: its upload time in milliseconds since 1970. */
export function logoVersion(updatedAt: Date | null): number | null {
  return updatedAt ? updatedAt.getTime() : null;
}

/**
 * The logo's URL. The version changes with every upload, so the URL of a given version can be
 * cached for a year: a new logo has a new URL.
 */
export function territoryLogoPath(slug: string, version: number): string {
  return `/territoires/${encodeURIComponent(slug)}/logo?v=${version}`;
}
