import * as XLSX from '@e965/xlsx';
import { CSV_BOM, csvLine } from '../../../platform/audit/csv.ts';
import { displayPhone } from '../../../platform/scheduling/agenda/views/parts.tsx';
import { localDayOf } from '../../../platform/scheduling/agenda/week-grid.ts';
import { statusLabels } from '../status.ts';
import type { ListedBeneficiary } from './beneficiaries.repository.ts';
import { daysBetween } from './days.ts';

/**
 * The list exported for a spreadsheet: one row per person, the columns agents asked for in the CAF
 * files plus the follow-up. CSV: semicolons, CRLF, a byte-order mark (Excel in French, platform's
 * csvLine which also defuses formulas). XLSX: dates as real dates (dd/mm/yyyy), numbers as numbers.
 * The NIR is never exported in a list (a person's own export holds it).
 */

export const exportHeaders = [
  'Numéro allocataire',
  'Rôle',
  'Nom',
  'Prénom',
  'Date de naissance',
  'Adresse',
  'Code postal',
  'Commune',
  'Code INSEE',
  'Téléphone',
  'Courriel',
  'Ouverture des droits',
  'Jours depuis l’ouverture des droits',
  'Premier RDV honoré le',
  'Statut',
  'Statut depuis le',
  'Organisation',
  'Référent',
  'Étiquettes',
] as const;

const DATE_COLUMNS = [4, 11, 13, 15];

type Cell = string | number | null;

/** One person's cells; dates as yyyy-mm-dd (turned into real dates in XLSX). */
export function exportCells(row: ListedBeneficiary, today: string): Cell[] {
  return [
    row.allocataireNumber,
    row.role === 'conjoint' ? 'Conjoint' : 'Demandeur',
    row.lastName,
    row.firstName,
    row.birthDate,
    row.address,
    row.postalCode,
    row.communeName,
    row.communeCode,
    row.phone ? displayPhone(row.phone) : null,
    row.email,
    row.rightsOpenedOn,
    row.rightsOpenedOn ? daysBetween(row.rightsOpenedOn, today) : null,
    row.firstMetAt ? localDayOf(row.firstMetAt) : null,
    statusLabels[row.status],
    localDayOf(row.statusChangedAt),
    row.organisationName,
    row.referentLastName ? `${row.referentFirstName} ${row.referentLastName}` : null,
    row.tags.join(', '),
  ];
}

/** The CSV file, line by line (the first line carries the byte-order mark). */
export function* csvLines(rows: ListedBeneficiary[], today: string): Generator<string> {
  yield CSV_BOM + csvLine([...exportHeaders]);
  for (const row of rows) {
    const cells = exportCells(row, today).map((cell, index) =>
      DATE_COLUMNS.includes(index) && typeof cell === 'string' ? cell.split('-').reverse().join('/') : cell,
    );
    yield csvLine(cells);
  }
}

/** Days since 1899-12-30: how spreadsheets count dates. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serialOf = (day: string) => (Date.parse(`${day}T00:00:00Z`) - EXCEL_EPOCH) / 86_400_000;

export function xlsxFile(rows: ListedBeneficiary[], today: string): Buffer {
  const data: Cell[][] = [[...exportHeaders], ...rows.map((row) => exportCells(row, today))];
  const sheet = XLSX.utils.aoa_to_sheet(data);
  for (let r = 1; r < data.length; r++) {
    for (const c of DATE_COLUMNS) {
      const value = data[r]![c];
      if (typeof value !== 'string') continue;
      sheet[XLSX.utils.encode_cell({ r, c })] = { t: 'n', v: serialOf(value), z: 'dd/mm/yyyy' };
    }
  }
  sheet['!cols'] = exportHeaders.map((h) => ({ wch: Math.max(12, Math.min(30, h.length + 2)) }));
  sheet['!autofilter'] = {
    ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 0, c: exportHeaders.length - 1 } }),
  };
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Bénéficiaires');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
