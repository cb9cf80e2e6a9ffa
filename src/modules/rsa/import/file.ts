import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { presetMatches } from './mapping.ts';

/**
 * Reads an imported file as rows of cells, whatever its format: CSV separated by `;`, `,` or tabs,
 * in UTF-8 (with or without BOM) or Windows-1252 (Excel's « CSV » on French Windows), or a
 * spreadsheet (XLSX, ODS, and old XLS) through SheetJS. Each row keeps its line number in the file
 * (the header is line 1 when it is the first line), so rejections point at what the agent sees.
 *
 * CSV rows are streamed from the parser (a 37,000-row file never exists as one array of rows); a
 * spreadsheet is unzipped whole by SheetJS (dense mode: one array per row, no object per cell
 * address) and its rows are walked in place.
 */

/** A cell as read: text for CSV, text or number for spreadsheets (dates are Excel serial numbers). */
export type Cell = string | number | boolean | null;
export type FileRow = { line: number; cells: Cell[] };

export type OpenedFile = {
  format: 'csv' | 'spreadsheet';
  /** For CSV: the separator and encoding found, to say so in the preview. */
  detail: string;
  headers: string[];
  headerLine: number;
  /** The rows after the header; blank rows are skipped. Each call reads the file again. */
  rows(): AsyncIterable<FileRow>;
};

export class UnreadableFileError extends Error {}

/** How many rows at the top may precede the header (a title, a date of extraction…). */
const HEADER_SEARCH_ROWS = 10;

/**
 * `headerOnly`: the caller only wants the headers (the preview page's column form), so a spreadsheet
 * is read down to its header rows only; its rows() are then cut there.
 */
export async function openFile(content: Buffer, options: { headerOnly?: boolean } = {}): Promise<OpenedFile> {
  if (content.length === 0) throw new UnreadableFileError('Le fichier est vide.');
  if (isSpreadsheet(content)) return openSpreadsheet(content, options.headerOnly ?? false);
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new UnreadableFileError(
      'Ce fichier est un PDF : enregistrez la liste au format CSV, XLSX ou ODS depuis le tableur.',
    );
  }
  return openCsv(content);
}

/** ZIP (XLSX, ODS) or OLE2 (XLS) signatures. */
function isSpreadsheet(content: Buffer): boolean {
  const zip = content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
  const ole = content.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  return zip || ole;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), Windows-1252 otherwise. */
export function decodeText(content: Buffer): { text: string; encoding: string } {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return { text: content.subarray(3).toString('utf8'), encoding: 'UTF-8 (avec BOM)' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(content, 'win1252'), encoding: 'Windows-1252' };
  }
}

const separators = [
  { char: ';', name: 'point-virgule' },
  { char: ',', name: 'virgule' },
  { char: '\t', name: 'tabulation' },
] as const;

/**
 * The separator used most often, outside quotes, in the first lines: an address holds commas, a
 * header of a `;` file rarely does, so the few first lines decide.
 */
export function detectSeparator(text: string): (typeof separators)[number] {
  const sample = text.slice(0, 8192).split(/\r?\n/).slice(0, HEADER_SEARCH_ROWS).join('\n');
  const counts = new Map<string, number>(separators.map((s) => [s.char, 0]));
  let quoted = false;
  for (const char of sample) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return separators.reduce((best, s) => (counts.get(s.char)! > counts.get(best.char)! ? s : best));
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((cell) => cell === null || String(cell).trim() === '');
}

/** The header is the first of the top rows that names known fields (else the first non-blank row). */
async function findHeader(rows: AsyncIterable<FileRow>): Promise<{ headers: string[]; headerLine: number }> {
  let first: FileRow | undefined;
  let seen = 0;
  for await (const row of rows) {
    if (isBlank(row.cells)) continue;
    first ??= row;
    if (presetMatches(row.cells.map(cellText)) >= 2) return headerOf(row);
    if (++seen >= HEADER_SEARCH_ROWS) break;
  }
  if (!first) throw new UnreadableFileError('Le fichier ne contient aucune ligne.');
  return headerOf(first);
}

function headerOf(row: FileRow) {
  const headers = row.cells.map((cell) => cellText(cell).trim());
  while (headers.length && headers.at(-1) === '') headers.pop();
  if (headers.length < 2) {
    throw new UnreadableFileError(
      'Ce fichier ne ressemble pas à un tableau : sa première ligne doit donner le nom des colonnes, séparées par des points-virgules, des virgules ou des tabulations.',
    );
  }
  return { headers, headerLine: row.line };
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell : String(cell);
}

/** Rows after the header line, blank ones left out. */
async function* dataRows(rows: AsyncIterable<FileRow>, headerLine: number): AsyncIterable<FileRow> {
  for await (const row of rows) {
    if (row.line <= headerLine || isBlank(row.cells)) continue;
    yield row;
  }
}

async function openCsv(content: Buffer): Promise<OpenedFile> {
  const { text, encoding } = decodeText(content);
  const separator = detectSeparator(text);
  const read = () => csvRows(text, separator.char);
  const { headers, headerLine } = await findHeader(read());
  return {
    format: 'csv',
    detail: `CSV, séparateur ${separator.name}, encodage ${encoding}`,
    headers,
    headerLine,
    rows: () => dataRows(read(), headerLine),
  };
}

const CHUNK = 64 * 1024;

/** Streams the text through csv-parse in chunks, so that backpressure keeps few rows in memory. */
async function* csvRows(text: string, delimiter: string): AsyncIterable<FileRow> {
  function* chunks() {
    for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
  }
  const parser = Readable.from(chunks()).pipe(
    parseCsv({
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }),
  );
  // info.lines is the line where a record ends, except that csv-parse counts a CRLF inside a quoted
  // field as two lines (and keeps that extra line for the rest of the file): take them back out, then
  // go back over the record's own line breaks to the line where it starts.
  let extraLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      let breaks = 0;
      for (const field of record) {
        if (!field.includes('\n') && !field.includes('\r')) continue;
        breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0;
        extraLines += field.match(/\r\n/g)?.length ?? 0;
      }
      yield { line: info.lines - extraLines - breaks, cells: record };
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`Le fichier CSV est mal formé : ${(error as Error).message}`);
  }
}

async function openSpreadsheet(content: Buffer, headerOnly: boolean): Promise<OpenedFile> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(content, {
      type: 'buffer',
      dense: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      ...(headerOnly ? { sheetRows: HEADER_SEARCH_ROWS } : {}),
    });
  } catch (error) {
    throw new UnreadableFileError(
      `Ce fichier de tableur n’a pas pu être lu (${(error as Error).message}) : enregistrez-le à nouveau en XLSX, ODS ou CSV.`,
    );
  }
  const sheetName = workbook.SheetNames[0];
  const sheet = sheetName ? workbook.Sheets[sheetName] : undefined;
  const data = (sheet?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  async function* read(): AsyncIterable<FileRow> {
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      const cells: Cell[] = new Array(row.length);
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        cells[c] = cell === undefined || cell.v === undefined || cell.t === 'e' ? null : (cell.v as Cell);
        if (cell?.v instanceof Date) cells[c] = cell.v.toISOString().slice(0, 10);
      }
      yield { line: r + 1, cells };
    }
  }
  const { headers, headerLine } = await findHeader(read());
  return {
    format: 'spreadsheet',
    detail: `Tableur, feuille « ${sheetName} »`,
    headers,
    headerLine,
    rows: () => dataRows(read(), headerLine),
  };
}
