import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';

/**
 * Files to import, written the way the CAF's and the départements' tools write them, for tests and
 * the benchmark: CSV in each separator and encoding, XLSX and ODS through the same library that reads
 * them. The sample holds good rows, one of each kind of bad row and two duplicates, with the
 * rejections it must give.
 */

export const sampleHeaders = [
  'N° allocataire',
  'Rôle',
  'NOM',
  'Prénom',
  'Date de naissance',
  'Adresse',
  'Code postal',
  'Commune',
  'Téléphone',
  'Courriel',
  'Date d’ouverture de droits',
];

/** Lines 2 to 11 of the sample file (line 1 is the header). */
export const sampleRows: string[][] = [
  [
    '1001',
    'DEM',
    'Dupont',
    'Marie',
    '12/05/1990',
    '12 rue de la République',
    '83500',
    'LA SEYNE SUR MER',
    '06 12 34 56 78',
    'Marie.Dupont@Exemple.fr',
    '01/02/2025',
  ],
  [
    '1001',
    'CJT',
    'Dupont',
    'Jean',
    '03/11/1988',
    '12 rue de la République',
    '83500',
    'La Seyne-sur-Mer',
    '',
    '',
    '01/02/2025',
  ],
  [
    '1002',
    'Demandeur',
    'Lefèvre',
    'Hélène',
    '1975-02-28',
    '5 avenue Aristide Briand',
    '83000',
    'Toulon',
    '04 94 00 00 00',
    '',
    '15/01/2025',
  ],
  [
    '',
    'DEM',
    'Garçon',
    'François',
    '01/01/1980',
    'Chemin des Oliviers',
    '83400',
    'Hyères',
    '+33 7 81 23 45 67',
    'f.garcon@exemple.fr',
    '20/01/2025',
  ],
  ['1003', 'DEM', '', 'Paul', '02/03/1985', '1 place de la Liberté', '83000', 'Toulon', '', '', '01/02/2025'],
  ['1004', 'DEM', 'Martin', 'Luc', '31/02/1990', '3 rue Hoche', '83000', 'Toulon', '', '', '01/02/2025'],
  [
    '1005',
    'DEM',
    'Bernard',
    'Zoé',
    '04/04/1992',
    '8 rue Vincent Allègre',
    '83000',
    'Touloun',
    '',
    '',
    '01/02/2025',
  ],
  [
    '1006',
    'DEM',
    'Petit',
    'Léa',
    '05/05/1995',
    '9 boulevard de Strasbourg',
    '83000',
    'Toulon',
    '12345',
    '',
    '01/02/2025',
  ],
  [
    '1001',
    'DEM',
    'DUPONT',
    'Marie',
    '12/05/1990',
    '12 rue de la République',
    '83500',
    'La Seyne-sur-Mer',
    '',
    '',
    '01/02/2025',
  ],
  ['', 'D', 'GARCON', 'francois', '01/01/1980', '', '83400', 'HYERES', '', '', ''],
];

export const sampleRejections = [
  { line: 6, reason: 'Nom manquant' },
  { line: 7, reason: 'Date de naissance impossible : « 31/02/1990 » (attendu jj/mm/aaaa)' },
  { line: 8, reason: 'Commune inconnue : « Touloun » 83000' },
  { line: 9, reason: 'Téléphone invalide : « 12345 »' },
  { line: 10, reason: 'Doublon de la ligne 2 (même numéro allocataire et même rôle)' },
  { line: 11, reason: 'Doublon de la ligne 5 (mêmes nom, prénom et date de naissance)' },
];

export type CsvEncoding = 'utf8' | 'utf8-bom' | 'windows-1252';

/** A CSV file; fields holding the separator, a quote or a line break are quoted. */
export function csvFile(rows: string[][], separator: ';' | ',' | '\t', encoding: CsvEncoding): Buffer {
  const field = (value: string) =>
    value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const text = `${rows.map((row) => row.map(field).join(separator)).join('\r\n')}\r\n`;
  if (encoding === 'windows-1252') return iconv.encode(text, 'win1252');
  const utf8 = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

/** The sample as CSV. Windows-1252 has no ’: the header is written with ' there, as Excel would. */
export function sampleCsv(separator: ';' | ',' | '\t', encoding: CsvEncoding): Buffer {
  const headers = encoding === 'windows-1252' ? sampleHeaders.map((h) => h.replace('’', "'")) : sampleHeaders;
  return csvFile([headers, ...sampleRows], separator, encoding);
}

/** A spreadsheet of one sheet; Date cells become date cells. */
export function spreadsheetFile(rows: (string | number | Date | null)[][], bookType: 'xlsx' | 'ods'): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, 'Allocataires');
  return XLSX.write(workbook, { type: 'buffer', bookType, compression: true }) as Buffer;
}

/**
 * The sample as a spreadsheet written by a person: numbers typed as numbers (allocataire numbers,
 * postal codes), valid birth dates as date cells, a title row above the header.
 */
export function sampleSpreadsheet(bookType: 'xlsx' | 'ods'): Buffer {
  const typed = sampleRows.map((row) =>
    row.map((value, column) => {
      if ((column === 0 || column === 6) && /^\d+$/.test(value)) return Number(value);
      const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
      if (column === 4 && date && value !== '31/02/1990')
        return new Date(Number(date[3]), Number(date[2]) - 1, Number(date[1]));
      return value;
    }),
  );
  return spreadsheetFile([['Liste des nouveaux entrants RSA'], sampleHeaders, ...typed], bookType);
}
