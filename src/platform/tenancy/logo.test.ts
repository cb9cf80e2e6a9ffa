import { describe, expect, it } from 'vitest';
import {
  checkLogo,
  type LogoFile,
  logoMessages,
  MAX_LOGO_BYTES,
  sniffLogoType,
  territoryLogoPath,
} from './logo.ts';
import { tinyPng } from './testing.ts';

const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const webpStart = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const svg = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);

const file = (data: Buffer, values: Partial<LogoFile> = {}): LogoFile => ({
  filename: 'logo.png',
  declaredType: 'image/png',
  data,
  tooLarge: false,
  ...values,
});

describe('sniffLogoType', () => {
  it.each([
    ['a PNG', tinyPng, 'image/png'],
    ['a JPEG', jpegStart, 'image/jpeg'],
    ['a WebP', webpStart, 'image/webp'],
    ['a RIFF that is not WebP (WAV)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), null],
    ['an SVG', svg, null],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00'), null],
    ['the first bytes of a PNG only', tinyPng.subarray(0, 4), null],
    ['nothing', Buffer.alloc(0), null],
  ])('%s → %s', (_, bytes, expected) => {
    expect(sniffLogoType(bytes)).toBe(expected);
  });
});

describe('checkLogo', () => {
  it.each([
    ['no file', undefined, logoMessages.missing],
    ['an empty file (no file chosen)', file(Buffer.alloc(0), { filename: '' }), logoMessages.missing],
    ['an SVG', file(svg, { filename: 'logo.svg', declaredType: 'image/svg+xml' }), logoMessages.svg],
    ['an SVG named and declared as PNG', file(svg), logoMessages.svg],
    [
      'an SVG with a byte-order mark',
      file(Buffer.concat([Buffer.from('\uFEFF  \n'), svg])),
      logoMessages.svg,
    ],
    ['text named .png', file(Buffer.from('ceci n’est pas une image')), logoMessages.notAnImage],
    ['a PNG cut at the limit', file(tinyPng, { tooLarge: true }), logoMessages.tooLarge],
    [
      'a PNG over 200 Ko',
      file(Buffer.concat([tinyPng, Buffer.alloc(MAX_LOGO_BYTES)])),
      logoMessages.tooLarge,
    ],
  ])('refuses %s', (_, input, message) => {
    expect(checkLogo(input)).toEqual({ ok: false, message });
  });

  it('accepts PNG, JPEG and WebP by their content, whatever their name and declared type', () => {
    expect(checkLogo(file(tinyPng, { filename: 'logo', declaredType: 'application/octet-stream' }))).toEqual({
      ok: true,
      data: tinyPng,
      contentType: 'image/png',
    });
    expect(checkLogo(file(jpegStart))).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(checkLogo(file(webpStart))).toMatchObject({ ok: true, contentType: 'image/webp' });
  });

  it('accepts exactly 200 Ko', () => {
    const data = Buffer.concat([tinyPng, Buffer.alloc(MAX_LOGO_BYTES - tinyPng.length)]);
    expect(checkLogo(file(data))).toMatchObject({ ok: true });
  });
});

describe('territoryLogoPath', () => {
  it('carries the version and escapes the slug', () => {
    expect(territoryLogoPath('var', 1_700_000_000_123)).toBe('/territoires/var/logo?v=1700000000123');
    expect(territoryLogoPath('a b', 1)).toBe('/territoires/a%20b/logo?v=1');
  });
});
