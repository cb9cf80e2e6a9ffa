/**
 * CSV for spreadsheets used in French administrations: semicolon-separated (Excel in French reads
 * commas as decimal marks), CRLF line ends, and a byte-order mark so accents survive Excel.
 */
export const CSV_BOM = '\uFEFF';

/**
 * One CSV line. A cell that starts with = + - @ or a tab is prefixed with an apostrophe: a
 * spreadsheet would otherwise run it as a formula (an actor label or a resource id is typed by
 * someone, and could be "=HYPERLINK(…)").
 */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const parisFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2025-07-14 10:30:00": Europe/Paris local time, sortable, read as a date by spreadsheets. */
export function parisTimestamp(value: Date): string {
  return parisFormat.format(value);
}
