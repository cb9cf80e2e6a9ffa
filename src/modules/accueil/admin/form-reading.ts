/**
 * Reading the posted fields of the flow editor's forms. The forms have fields by digit, by weekday and
 * by range, so they are read field by field: each reader returns the value, or records the field's
 * French message and returns undefined. The page is then shown again with what the admin typed.
 */
export type FormValues = Record<string, string | undefined>;

export class FieldReader {
  readonly errors: Record<string, string> = {};

  constructor(readonly values: FormValues) {}

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  fail(field: string, message: string): undefined {
    this.errors[field] ??= message;
    return undefined;
  }

  text(field: string): string {
    return (this.values[field] ?? '').trim();
  }

  required(field: string, message: string, max = 200): string | undefined {
    const value = this.text(field);
    if (!value) return this.fail(field, message);
    if (value.length > max) return this.fail(field, `Ce texte est trop long (${max} caractères au plus).`);
    return value;
  }

  /** A whole number within [min, max]. */
  integer(field: string, min: number, max: number, unit: string): number | undefined {
    const raw = this.text(field);
    // « de jours », but « d’heures » (elision before a vowel or a mute h).
    const of = /^[aeéèêiouyh]/i.test(unit) ? 'd’' : 'de ';
    const message = `Indiquez un nombre ${of}${unit} entre ${min} et ${max}.`;
    if (!/^\d+$/.test(raw)) return this.fail(field, message);
    const value = Number(raw);
    return value >= min && value <= max ? value : this.fail(field, message);
  }

  /** A key used in statistics, URLs and prompts: lower-case letters, digits, hyphens (and underscores). */
  key(field: string, what: string): string | undefined {
    const value = this.text(field).toLowerCase();
    if (!value) return this.fail(field, `Indiquez ${what}.`);
    if (!KEY.test(value)) {
      return this.fail(
        field,
        'Utilisez des lettres minuscules sans accent, des chiffres et des tirets (60 caractères au plus), par exemple « aspi-ferme ».',
      );
    }
    return value;
  }

  /** A new menu's or service's key: a key, not one of the editor's URL words. */
  newKey(field: string, what: string): string | undefined {
    const value = this.key(field, what);
    if (value && RESERVED_KEYS.includes(value))
      return this.fail(field, `« ${value} » est réservé : choisissez une autre clé.`);
    return value;
  }

  /** 'HH:MM' from « 8:30 », « 08:30 », « 8h30 », « 8 h » (empty: undefined without error). */
  time(field: string): string | undefined {
    const raw = this.text(field);
    if (!raw) return undefined;
    const value = readTime(raw);
    return value ?? this.fail(field, 'Écrivez une heure comme 08:30.');
  }

  /** 'YYYY-MM-DD', a real calendar day. */
  day(field: string, message: string): string | undefined {
    const raw = this.text(field);
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) ?? frenchDay(raw);
    if (!match) return this.fail(field, message);
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
      return this.fail(field, message);
    }
    return `${match[1]}-${match[2]}-${match[3]}`;
  }

  checked(field: string): boolean {
    const value = this.values[field];
    return Boolean(value && value !== 'off');
  }
}

/** As flow/schema.ts's keys, 60 characters at most (they appear in URLs and statistics). */
export const KEY = /^[a-z0-9][a-z0-9_-]{0,59}$/;

/** Words of the editor's URLs (…/menus/nouveau): a menu or a service may not take them as key. */
export const RESERVED_KEYS = ['nouveau', 'supprimer', 'horaires', 'fermetures'];

export function readTime(raw: string): string | undefined {
  const match = /^(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?$/i.exec(raw.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** « 25/12/2025 » as typed where a browser has no date picker. */
function frenchDay(raw: string): RegExpExecArray | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
}
