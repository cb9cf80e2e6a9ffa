import { describe, expect, it } from 'vitest';
import { formatColumns } from './columns.ts';

describe('formatColumns', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(
      formatColumns([
        ['IDENTIFIANT', 'NOM', 'TERRITOIRE'],
        ['var', 'Direction de l’insertion', 'Département du Var'],
        ['pau-ccas', 'CCAS', '(aucun)'],
      ]),
    ).toBe(
      [
        'IDENTIFIANT  NOM                       TERRITOIRE',
        'var          Direction de l’insertion  Département du Var',
        'pau-ccas     CCAS                      (aucun)',
      ].join('\n'),
    );
  });

  it('gives nothing for no rows', () => {
    expect(formatColumns([])).toBe('');
  });
});
