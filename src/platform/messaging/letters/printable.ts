/**
 * What a letter can print. The PDF uses the standard PDF fonts (Helvetica), which encode text in
 * WinAnsi (Windows-1252): French needs nothing more (é, œ, «, », €, ’, –), but a character outside
 * that set comes out as garbage in the PDF, and it shifts the characters after it. So every text goes
 * through here first: known look-alikes are replaced, accents the set lacks are dropped (ơ → o), and
 * what remains unknown is reported (addresses, see address.ts) or printed as « ? » (letter bodies).
 */
const winAnsi: ReadonlySet<string> = new Set([
  // Printable ASCII and Latin-1 (the same code points in WinAnsi)…
  ...Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0xff - 0xa0 + 1 }, (_, i) => String.fromCharCode(0xa0 + i)),
  // …and the 27 characters Windows-1252 puts at 0x80–0x9F (pdfkit maps the same ones).
  ...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ',
]);

/** Replacements for characters that WinAnsi lacks but that have an obvious printable equivalent. */
const lookAlikes: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space (before « : ; ! ? » in French typography)
  '\u2009': '\u00a0', // thin space
  '\u2007': '\u00a0', // figure space
  '\u2008': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u200b': '', // zero-width space
  '\u2010': '-',
  '\u2011': '-', // non-breaking hyphen
  '\u2212': '-', // minus sign
  '\u2032': '’',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

/** The character as the standard fonts can print it, or undefined when it has no printable form. */
function printableCharacter(character: string): string | undefined {
  if (winAnsi.has(character) || character === '\n') return character;
  const lookAlike = lookAlikes[character];
  if (lookAlike !== undefined) return lookAlike;
  // Decomposed, a letter with an accent the set lacks becomes its base letter and a combining mark.
  const base = character.normalize('NFD').replace(/\p{M}/gu, '');
  if (base !== character && [...base].every((c) => winAnsi.has(c))) return base;
  return undefined;
}

/** The characters of `text` that cannot be printed, once look-alikes are replaced (no duplicates). */
export function unprintableCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const character of text.normalize('NFC')) {
    if (printableCharacter(character) === undefined) found.add(character);
  }
  return [...found];
}

/** `text` as the standard fonts can print it; what cannot be printed becomes « ? ». */
export function toPrintable(text: string): string {
  let out = '';
  for (const character of text.normalize('NFC')) out += printableCharacter(character) ?? '?';
  return out;
}
