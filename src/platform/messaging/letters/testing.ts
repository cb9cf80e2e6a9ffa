import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** For tests: the words of a PDF with their boxes, page by page, as poppler's pdftotext -bbox reads them. */
export type PdfWord = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };
export type PdfPage = { width: number; height: number; words: PdfWord[] };

const run = promisify(execFile);

export async function readPdfWords(pdf: Buffer): Promise<PdfPage[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tremplin-pdf-'));
  try {
    const file = path.join(dir, 'lettre.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return parseBbox(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseBbox(html: string): PdfPage[] {
  const pages: PdfPage[] = [];
  for (const page of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [
      ...page[3]!.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((w) => ({
      text: decodeEntities(w[5]!),
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
    }));
    pages.push({ width: Number(page[1]), height: Number(page[2]), words });
  }
  return pages;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The words of a page inside a rectangle given in millimetres from the top-left corner. */
export function wordsInside(
  page: PdfPage,
  box: { left: number; top: number; right: number; bottom: number },
): PdfWord[] {
  const pt = (value: number) => (value * 72) / 25.4;
  return page.words.filter(
    (w) =>
      w.xMin >= pt(box.left) && w.xMax <= pt(box.right) && w.yMin >= pt(box.top) && w.yMax <= pt(box.bottom),
  );
}

/** The words of a page that overlap a rectangle given in millimetres (even partly). */
export function wordsTouching(
  page: PdfPage,
  box: { left: number; top: number; right: number; bottom: number },
): PdfWord[] {
  const pt = (value: number) => (value * 72) / 25.4;
  return page.words.filter(
    (w) => w.xMax > pt(box.left) && w.xMin < pt(box.right) && w.yMax > pt(box.top) && w.yMin < pt(box.bottom),
  );
}

/** The text of words read as lines (words whose tops are within 2 pt are on the same line). */
export function linesOf(words: PdfWord[]): string[] {
  const sorted = [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  const lines: { y: number; words: PdfWord[] }[] = [];
  for (const word of sorted) {
    const line = lines.find((l) => Math.abs(l.y - word.yMin) < 2);
    if (line) line.words.push(word);
    else lines.push({ y: word.yMin, words: [word] });
  }
  return lines.map((l) =>
    l.words
      .sort((a, b) => a.xMin - b.xMin)
      .map((w) => w.text)
      .join(' '),
  );
}
