import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './local-path.ts';

describe('safeLocalPath', () => {
  it.each([
    ['/', '/'],
    ['/tableau-de-bord', '/tableau-de-bord'],
    ['/admin/organisations?page=2#liste', '/admin/organisations?page=2#liste'],
    ['/recherche?q=%C3%A9t%C3%A9', '/recherche?q=%C3%A9t%C3%A9'],
  ])('keeps the local path %s', (input, expected) => {
    expect(safeLocalPath(input)).toBe(expected);
  });

  it.each([
    ['protocol-relative', '//evil.example'],
    ['backslash read as slash', '/\\evil.example'],
    ['backslash later', '/a\\b'],
    ['tab dropped by browsers', '/\t/evil.example'],
    ['newline dropped by browsers', '/\n/evil.example'],
    ['space', '/a b'],
    ['absolute URL', 'https://evil.example/'],
    ['scheme', 'javascript:alert(1)'],
    ['relative path', 'tableau-de-bord'],
    ['empty', ''],
    ['non-ASCII', '/été'],
    ['not a string', ['/a']],
    ['too long', `/${'a'.repeat(2001)}`],
  ])('ignores %s', (_reason, input) => {
    expect(safeLocalPath(input)).toBeUndefined();
  });
});
