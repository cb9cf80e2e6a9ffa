/**
 * How many SMS a text costs. An SMS carries 140 bytes: 160 characters of the GSM 7-bit alphabet
 * (3GPP TS 23.038), or 70 UTF-16 code units (UCS-2) as soon as one character is outside that alphabet.
 * A longer text is split into parts that each lose room to the header that glues them together:
 * 153 GSM characters or 67 UCS-2 units per part. Providers bill per part.
 *
 * French is mostly GSM: é è à ù ì ò É Ç are in the basic alphabet. But ê â î ô û ë ï ç (lower-case) œ
 * are not, nor are the typographic apostrophe ’, the quotes « » “ ” and the narrow no-break space that
 * French typography puts before ; : ! ? — one of them in a 150-character text makes it 3 SMS instead of 1.
 * normaliseSmsText() therefore replaces the typographic punctuation and spaces with their ASCII
 * equivalent before counting and before sending (the reader loses nothing). Letters are kept as they
 * are: turning "fenêtre" into "fenetre" or "François" into "Francois" changes words and names, so a
 * text with ê stays UCS-2 and the preview names the characters that made it so.
 */

// The basic GSM 7-bit alphabet, one septet each (the escape 0x1B itself is not a printable character).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each character is sent as escape + character, two septets.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Typographic characters with a GSM equivalent that reads the same. */
const TYPOGRAPHY: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'"], // ‘ ’ ‚ ‛ ′ ´ `
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'], // “ ” „ ‟ ″ « »
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' '], // no-break, narrow no-break and other spaces
  [/[\u2010-\u2015\u2212]/g, '-'], // hyphens, en and em dashes, minus
  [/\u2026/g, '...'], // …
  [/[\u200b\u200c\u2060\ufeff]/g, ''], // zero-width spaces, invisible and costly (the emoji joiner stays)
];

/** The text as it will be sent: typographic punctuation and spaces replaced, nothing else changed. */
export function normaliseSmsText(text: string): string {
  let normalised = text.normalize('NFC');
  for (const [pattern, replacement] of TYPOGRAPHY) normalised = normalised.replace(pattern, replacement);
  return normalised;
}

export type SmsMeasure = {
  encoding: SmsEncoding;
  /** Characters as a reader counts them (an emoji is one). */
  characters: number;
  /** What the network counts: septets in GSM-7 (an extension character is two), UTF-16 units in UCS-2. */
  units: number;
  /** Room in one SMS for this encoding: 160 or 70 when it fits in one, 153 or 67 per part otherwise. */
  unitsPerSegment: number;
  segments: number;
  /** The characters that forced UCS-2, once each, in order of appearance (empty in GSM-7). */
  nonGsmCharacters: string[];
};

/** Measures a text exactly as given (normalise it first with normaliseSmsText to measure what is sent). */
export function measureSms(text: string): SmsMeasure {
  const characters = [...text];
  const nonGsmCharacters = [...new Set(characters.filter((c) => !GSM_BASIC.has(c) && !GSM_EXTENSION.has(c)))];
  if (nonGsmCharacters.length === 0) {
    const sizes = characters.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1));
    return measured('GSM-7', characters.length, sizes, 160, 153, []);
  }
  // A character outside the Basic Multilingual Plane (most emoji) takes two UTF-16 units.
  const sizes = characters.map((c) => c.length);
  return measured('UCS-2', characters.length, sizes, 70, 67, nonGsmCharacters);
}

function measured(
  encoding: SmsEncoding,
  characters: number,
  sizes: number[],
  single: number,
  perPart: number,
  nonGsmCharacters: string[],
): SmsMeasure {
  const units = sizes.reduce((sum, size) => sum + size, 0);
  if (units <= single) {
    return {
      encoding,
      characters,
      units,
      unitsPerSegment: single,
      segments: units ? 1 : 0,
      nonGsmCharacters,
    };
  }
  // Parts are filled character by character: an escape pair (GSM) or a surrogate pair (UCS-2) is
  // never split across two parts, so a part may hold one unit less than perPart.
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, characters, units, unitsPerSegment: perPart, segments, nonGsmCharacters };
}

export type SmsSendPreview = SmsMeasure & {
  /** The text that will be sent, after normalisation. */
  text: string;
  /** Whether normalisation changed the text (typographic punctuation replaced). */
  normalised: boolean;
  recipients: number;
  /** Parts billed for the whole send: segments × recipients. */
  totalSegments: number;
};

/**
 * What a bulk send will cost, shown to the agent before they confirm it: the text as it will go out,
 * its encoding, characters, parts per message and parts in all for `recipients` people.
 */
export function previewSmsSend(text: string, recipients: number): SmsSendPreview {
  const normalisedText = normaliseSmsText(text);
  const measure = measureSms(normalisedText);
  return {
    ...measure,
    text: normalisedText,
    normalised: normalisedText !== text,
    recipients,
    totalSegments: measure.segments * recipients,
  };
}

/**
 * The same for personalised texts (one per recipient, names and dates differ): parts in all, and the
 * largest message, which is the one to shorten.
 */
export function previewPersonalisedSmsSend(texts: string[]): {
  recipients: number;
  totalSegments: number;
  ucs2Messages: number;
  largest: SmsSendPreview | undefined;
} {
  let totalSegments = 0;
  let ucs2Messages = 0;
  let largest: SmsSendPreview | undefined;
  for (const text of texts) {
    const preview = previewSmsSend(text, 1);
    totalSegments += preview.segments;
    if (preview.encoding === 'UCS-2') ucs2Messages += 1;
    if (!largest || preview.segments > largest.segments) largest = preview;
  }
  return { recipients: texts.length, totalSegments, ucs2Messages, largest };
}
