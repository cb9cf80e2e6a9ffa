import { describe, expect, it } from 'vitest';
import { csvLine, parisTimestamp } from './csv.ts';

describe('csvLine', () => {
  it.each([
    [['a', 'b'], 'a;b\r\n'],
    [[1, null, undefined, ''], '1;;;\r\n'],
    [['point;virgule'], '"point;virgule"\r\n'],
    [['guillemets "ici"'], '"guillemets ""ici"""\r\n'],
    [['deux\nlignes'], '"deux\nlignes"\r\n'],
    [['=HYPERLINK("http://x")'], `"'=HYPERLINK(""http://x"")"\r\n`],
    [['+33 6', '-1', '@cmd'], "'+33 6;'-1;'@cmd\r\n"],
    [[-1], '-1\r\n'], // a number is data, not a formula
    [['élève à Pau'], 'élève à Pau\r\n'],
  ] as const)('%j', (cells, line) => {
    expect(csvLine([...cells])).toBe(line);
  });
});

describe('parisTimestamp', () => {
  it('writes Europe/Paris local time, summer and winter', () => {
    expect(parisTimestamp(new Date('2025-07-14T08:30:05Z'))).toBe('2025-07-14 10:30:05');
    expect(parisTimestamp(new Date('2025-01-15T23:59:59Z'))).toBe('2025-01-16 00:59:59');
  });
});
