import PDFDocument from 'pdfkit';
import type { LetterContent } from '../templates.ts';
import { toPrintable } from './printable.ts';

/**
 * Letters as PDF, laid out for a French DL window envelope (110 × 220 mm, window on the right).
 *
 * Where the address goes, and why. The usual DL window is 100 × 45 mm, 20 mm from the right edge
 * and 15 mm from the bottom of the envelope: in the envelope's own coordinates (from its top-left
 * corner) it spans x 100–200 mm and y 50–95 mm. An A4 sheet (210 × 297 mm) folded in three (folds
 * at 99 and 198 mm, top panel outwards) is a 210 × 99 mm block that has play in the envelope: up to
 * 10 mm sideways (220 − 210) and 11 mm up and down (110 − 99). Seen on the page, the window is
 * therefore at x [100 − s, 200 − s] and y [50 − d, 95 − d] for a sheet pushed s ∈ [0, 10] mm right
 * and d ∈ [0, 11] mm down:
 *
 * - what the window shows wherever the sheet sits: x 100–190 mm, y 50–84 mm (ADDRESS_WINDOW_MM);
 *   the address block is printed inside it, at x 105 mm and y 55 mm, at most 80 mm wide and
 *   6 lines × 12.5 pt ≈ 27 mm high, so it ends by 82 mm;
 * - what the window may show in some position: x 90–200 mm, y 39–95 mm (WINDOW_REACH_MM); nothing
 *   else is printed there, so no other text ever shows through (the sender block ends at 85 mm,
 *   the date starts at 100 mm).
 *
 * These figures agree with the usual French advice for word processors (address frame about
 * 110 mm from the left edge and 55 mm from the top, 85 × 33 mm). The address is in Helvetica 10 pt,
 * smaller only if a line would not fit in 80 mm (La Poste reads 8 to 12 pt); the body is 11 pt.
 *
 * Several letters in one file: each starts on a new page and numbers its own pages (« page 2 sur 3 »,
 * only when it has several), with its reference, so a printed stack can be sorted by hand. The file is
 * made for one-sided printing, which is how letters go into envelopes by hand or by a folding machine.
 * For two-sided printing (`duplex`), a letter with an odd number of pages is followed by a blank page
 * (« page laissée blanche ») so that the next letter starts on a fresh sheet.
 */
const POINTS_PER_MM = 72 / 25.4;
const mm = (value: number) => value * POINTS_PER_MM;

export const A4_MM = { width: 210, height: 297 } as const;
export const ADDRESS_WINDOW_MM = { left: 100, top: 50, right: 190, bottom: 84 } as const;
export const WINDOW_REACH_MM = { left: 90, top: 39, right: 200, bottom: 95 } as const;
const ADDRESS_BLOCK_MM = { left: 105, top: 55, width: 80 } as const;
const MARGINS_MM = { top: 20, bottom: 25, left: 20, right: 20 } as const;
const SENDER_BLOCK_MM = { left: 20, top: 20, width: 65 } as const;
const DATE_MM = { left: 105, top: 100, width: 85 } as const;
const SUBJECT_TOP_MM = 112;
const FOLDS_MM = [99, 198] as const;
const FOOTER_TOP_MM = 282;

const ADDRESS_FONT_SIZE = 10;
const ADDRESS_LINE_HEIGHT = 1.25;
const BODY_FONT_SIZE = 11;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

export type LetterToPrint = {
  /** Short reference printed on the letter, so a person who calls can be found (the message id's start). */
  reference: string;
  sender: { organisationName: string; territoryName: string | null };
  /** The normalised postal address, one line per entry (address.ts). */
  addressLines: string[];
  /** The date printed on the letter. */
  date: Date;
  content: LetterContent;
};

export type PrintOptions = {
  /** Time zone of the printed date (Europe/Paris). */
  timeZone: string;
  /** When the file is made (PDF metadata). */
  now: Date;
  title: string;
  duplex?: boolean;
};

/** One PDF holding the letters in order, each starting on a new page. */
export function renderLettersPdf(letters: LetterToPrint[], options: PrintOptions): Promise<Buffer> {
  if (letters.length === 0) throw new Error('renderLettersPdf: no letter to print');
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    margins: {
      top: mm(MARGINS_MM.top),
      bottom: mm(MARGINS_MM.bottom),
      left: mm(MARGINS_MM.left),
      right: mm(MARGINS_MM.right),
    },
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: toPrintable(options.title),
      Author: toPrintable(letters[0]!.sender.organisationName),
      Creator: 'Tremplin',
      Producer: 'Tremplin',
      CreationDate: options.now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const ranges: { reference: string; first: number; count: number }[] = [];
  letters.forEach((letter, index) => {
    const first = doc.bufferedPageRange().count;
    drawLetter(doc, letter, options.timeZone);
    const count = doc.bufferedPageRange().count - first;
    ranges.push({ reference: letter.reference, first, count });
    const last = index === letters.length - 1;
    if (options.duplex && count % 2 === 1 && !last) {
      doc.addPage();
      doc
        .font(REGULAR)
        .fontSize(8)
        .fillColor('#555555')
        .text('Page laissée blanche intentionnellement', mm(MARGINS_MM.left), mm(148), {
          width: mm(A4_MM.width - MARGINS_MM.left - MARGINS_MM.right),
          align: 'center',
          lineBreak: false,
        })
        .fillColor('black');
    }
  });
  for (const range of ranges) {
    if (range.count > 1) drawPageNumbers(doc, range);
  }
  doc.end();
  return done;
}

function drawLetter(doc: PDFKit.PDFDocument, letter: LetterToPrint, timeZone: string): void {
  doc.addPage();
  drawFoldMarks(doc);

  const sender = mm(SENDER_BLOCK_MM.width);
  doc
    .font(BOLD)
    .fontSize(11)
    .text(toPrintable(letter.sender.organisationName), mm(SENDER_BLOCK_MM.left), mm(SENDER_BLOCK_MM.top), {
      width: sender,
    });
  if (letter.sender.territoryName) {
    doc.font(REGULAR).fontSize(10).text(toPrintable(letter.sender.territoryName), { width: sender });
  }
  doc
    .moveDown(0.6)
    .font(REGULAR)
    .fontSize(9)
    .text(`Référence : ${toPrintable(letter.reference)}`, { width: sender });

  drawAddress(doc, letter.addressLines);

  doc
    .font(REGULAR)
    .fontSize(BODY_FONT_SIZE)
    .text(`Le ${formatLetterDate(letter.date, timeZone)}`, mm(DATE_MM.left), mm(DATE_MM.top), {
      width: mm(DATE_MM.width),
    });

  const bodyLeft = mm(MARGINS_MM.left);
  const bodyWidth = mm(A4_MM.width - MARGINS_MM.left - MARGINS_MM.right);
  doc
    .font(BOLD)
    .fontSize(BODY_FONT_SIZE)
    .text('Objet : ', bodyLeft, mm(SUBJECT_TOP_MM), { width: bodyWidth, continued: true })
    .font(REGULAR)
    .text(toPrintable(letter.content.subject));
  doc.moveDown(1.5);
  for (const paragraph of letter.content.paragraphs) {
    doc.x = bodyLeft;
    doc
      .font(REGULAR)
      .fontSize(BODY_FONT_SIZE)
      .text(toPrintable(paragraph), { width: bodyWidth, lineGap: 2, paragraphGap: 8 });
  }
  if (letter.content.signature) {
    doc.moveDown(1.5);
    doc.x = mm(DATE_MM.left);
    doc
      .font(REGULAR)
      .fontSize(BODY_FONT_SIZE)
      .text(toPrintable(letter.content.signature), {
        width: mm(DATE_MM.width),
        lineGap: 2,
      });
  }
}

/** The address in the window; the font shrinks (never wraps) if a line is too wide for the block. */
function drawAddress(doc: PDFKit.PDFDocument, lines: string[]): void {
  const printable = lines.map(toPrintable);
  const width = mm(ADDRESS_BLOCK_MM.width);
  doc.font(REGULAR).fontSize(ADDRESS_FONT_SIZE);
  const widest = Math.max(...printable.map((line) => doc.widthOfString(line)));
  const size = widest > width ? (ADDRESS_FONT_SIZE * width) / widest : ADDRESS_FONT_SIZE;
  doc.fontSize(size);
  printable.forEach((line, index) => {
    doc.text(line, mm(ADDRESS_BLOCK_MM.left), mm(ADDRESS_BLOCK_MM.top) + index * size * ADDRESS_LINE_HEIGHT, {
      lineBreak: false,
    });
  });
}

/** Short marks in the left margin where the sheet is folded in three for a DL envelope. */
function drawFoldMarks(doc: PDFKit.PDFDocument): void {
  doc.save().lineWidth(0.3).strokeColor('#999999');
  for (const y of FOLDS_MM) doc.moveTo(mm(4), mm(y)).lineTo(mm(9), mm(y)).stroke();
  doc.restore();
}

function drawPageNumbers(
  doc: PDFKit.PDFDocument,
  range: { reference: string; first: number; count: number },
): void {
  for (let page = 0; page < range.count; page++) {
    doc.switchToPage(range.first + page);
    // Writing below the bottom margin would make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(8)
      .text(
        `Référence ${toPrintable(range.reference)} – page ${page + 1} sur ${range.count}`,
        mm(MARGINS_MM.left),
        mm(FOOTER_TOP_MM),
        { width: mm(A4_MM.width - MARGINS_MM.left - MARGINS_MM.right), align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

/** « 1er mars 2025 », « 14 juillet 2025 »: the day in `timeZone`, as French letters write it. */
export function formatLetterDate(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('day') === '1' ? '1er' : part('day');
  return `${day} ${part('month')} ${part('year')}`;
}
