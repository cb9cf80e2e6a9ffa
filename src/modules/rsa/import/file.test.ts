import { describe, expect, it } from 'vitest';
import { decodeText, detectSeparator, type FileRow, openFile, UnreadableFileError } from './file.ts';
import { csvFile, sampleCsv, sampleHeaders, sampleRows, sampleSpreadsheet } from './testing.ts';

async function readAll(content: Buffer) {
  const file = await openFile(content);
  const rows: FileRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return { file, rows };
}

describe('openFile', () => {
  it.each([
    [';', 'utf8', 'CSV, séparateur point-virgule, encodage UTF-8'],
    [',', 'utf8-bom', 'CSV, séparateur virgule, encodage UTF-8 (avec BOM)'],
    ['\t', 'windows-1252', 'CSV, séparateur tabulation, encodage Windows-1252'],
    [';', 'windows-1252', 'CSV, séparateur point-virgule, encodage Windows-1252'],
  ] as const)('reads CSV separated by %j in %s', async (separator, encoding, detail) => {
    const { file, rows } = await readAll(sampleCsv(separator, encoding));
    expect(file.detail).toBe(detail);
    expect(file.headerLine).toBe(1);
    expect(file.headers[1]).toBe('Rôle');
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Accents survive every encoding.
    expect(rows[2]!.cells.slice(2, 4)).toEqual(['Lefèvre', 'Hélène']);
    expect(rows.map((r) => r.cells)).toEqual(sampleRows);
  });

  it.each(['xlsx', 'ods'] as const)(
    'reads %s below a title row, numbers and dates as cells',
    async (type) => {
      const { file, rows } = await readAll(sampleSpreadsheet(type));
      expect(file.headerLine).toBe(2);
      expect(file.headers).toEqual(sampleHeaders);
      expect(rows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(rows[0]!.cells.slice(0, 5)).toEqual([1001, 'DEM', 'Dupont', 'Marie', 33005]);
      expect(rows[2]!.cells[3]).toBe('Hélène');
      expect(rows[5]!.cells[4]).toBe('31/02/1990');
    },
  );

  it('gives a quoted field over two lines the line where it starts, and skips blank lines', async () => {
    const content = Buffer.from('Nom;Prénom;Adresse\r\nA;B;"1 rue X\r\nBât. 2"\r\n\r\n;;\r\nC;D;E\r\n');
    const { rows } = await readAll(content);
    expect(rows).toEqual([
      { line: 2, cells: ['A', 'B', '1 rue X\r\nBât. 2'] },
      { line: 6, cells: ['C', 'D', 'E'] },
    ]);
  });

  it('refuses what is not a table', async () => {
    await expect(openFile(Buffer.from(''))).rejects.toThrow(UnreadableFileError);
    await expect(openFile(Buffer.from('%PDF-1.7 …'))).rejects.toThrow(/PDF/);
    await expect(openFile(Buffer.from('juste une ligne de texte\n'))).rejects.toThrow(/ne ressemble pas/);
    await expect(openFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(
      UnreadableFileError,
    );
  });
});

describe('decodeText and detectSeparator', () => {
  it('decodes UTF-8 when valid, Windows-1252 otherwise', () => {
    expect(decodeText(Buffer.from('Hélène', 'utf8'))).toEqual({ text: 'Hélène', encoding: 'UTF-8' });
    expect(decodeText(Buffer.from([0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65, 0x20, 0x80]))).toEqual({
      text: 'Hélène €',
      encoding: 'Windows-1252',
    });
  });

  it('finds the separator of the header even when addresses hold commas', () => {
    const text = csvFile(
      [
        ['Nom', 'Adresse'],
        ['A', '1, rue X, bât. 2'],
      ],
      ';',
      'utf8',
    ).toString();
    expect(detectSeparator(text).char).toBe(';');
    expect(detectSeparator('Nom,Prénom,"Ville; quartier"\n').char).toBe(',');
  });
});
