import { SSF } from '@e965/xlsx';
import { format, isExists, isValid, parse } from 'date-fns';
import { fr } from 'date-fns/locale';
import { z } from 'zod';
import { normalisePhone as readPhone } from '../../../platform/scheduling/citizens.service.ts';
import type { CommuneResolver } from './communes.ts';
import { type Cell, cellText, type FileRow } from './file.ts';
import type { ImportField } from './mapping.ts';

/**
 * One row of a list turned into a beneficiary's fields, or the reasons it cannot be: every problem of
 * the row is named in one plain French sentence, so the agent fixes the file once. Pure: the clock
 * (`today`), the commune resolver and the NIR setting come as arguments. Table tests in
 * normalise.test.ts.
 */

export type Role = 'demandeur' | 'conjoint';

export type ImportedPerson = {
  line: number;
  allocataireNumber: string | null;
  role: Role;
  lastName: string;
  firstName: string;
  /** yyyy-mm-dd */
  birthDate: string | null;
  address: string | null;
  postalCode: string | null;
  communeCode: string;
  communeName: string;
  /** E.164 */
  phone: string | null;
  email: string | null;
  rightsOpenedOn: string | null;
  nir: string | null;
};

export type NormaliseContext = {
  columns: Partial<Record<ImportField, number>>;
  resolveCommune: CommuneResolver;
  /** yyyy-mm-dd, Europe/Paris: a birth date after it is refused. */
  today: string;
  nirEnabled: boolean;
};

export type Normalised = { ok: true; person: ImportedPerson } | { ok: false; line: number; reason: string };

const email = z.email();

function text(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * A date as French lists write it (31/01/1990, 31-01-1990, 31.01.1990, with or without a time), as
 * ISO (1990-01-31), in words (31 janvier 1990), or as a spreadsheet's date cell (an Excel serial number). null: not a date.
 * Impossible dates (31/02/1990) are not dates: date-fns's parse refuses them.
 */
export function parseFrenchDate(cell: Cell): string | null {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return null;
    const parts = SSF.parse_date_code(cell);
    return `${String(parts.y).padStart(4, '0')}-${String(parts.m).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`;
  }
  const value = cellText(cell)
    .trim()
    .replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  // The common shapes are read directly (date-fns's isExists refuses 31/02); anything else goes
  // through date-fns's parse, strict on its pattern.
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  const parts = french
    ? { y: Number(french[3]), m: Number(french[2]), d: Number(french[1]) }
    : iso
      ? { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) }
      : null;
  if (parts) {
    if (parts.y < 1000 || !isExists(parts.y, parts.m - 1, parts.d)) return null;
    return `${parts.y}-${String(parts.m).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`;
  }
  if (!value) return null;
  const date = parse(value, 'd MMMM yyyy', new Date(2000, 0, 1), { locale: fr });
  return isValid(date) && date.getFullYear() >= 1000 ? format(date, 'yyyy-MM-dd') : null;
}

/** demandeur / conjoint as lists write them (DEM, CJT, D, C, « Allocataire »…); undefined: unknown. */
export function parseRole(value: string): Role | undefined {
  const key = value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (['', 'dem', 'demandeur', 'demandeuse', 'd', 'allocataire', 'alloc', 'mon', 'responsable'].includes(key))
    return 'demandeur';
  if (['cjt', 'conjoint', 'conjointe', 'c', 'conj', 'concubin', 'concubine', 'partenaire'].includes(key))
    return 'conjoint';
  return undefined;
}

/**
 * A phone number in E.164 (+33612345678) read as the booking engine reads it (overseas numbers
 * written nationally included); undefined: not a valid number.
 */
export function normalisePhone(value: string): string | undefined {
  // A spreadsheet drops the leading 0 of a number typed as a number: 612345678.
  const digits = value.replace(/[\s.\-()]/g, '');
  const checked = readPhone(/^[1-9]\d{8}$/.test(digits) ? `0${digits}` : value);
  return checked.ok ? checked.e164 : undefined;
}

export function normaliseRow(row: FileRow, context: NormaliseContext): Normalised {
  const { columns } = context;
  const cell = (field: ImportField): Cell => {
    const index = columns[field];
    return index === undefined ? null : (row.cells[index] ?? null);
  };
  const value = (field: ImportField) => text(cellText(cell(field)));
  const reasons: string[] = [];

  const lastName = value('lastName');
  const firstName = value('firstName');
  if (!lastName) reasons.push('Nom manquant');
  if (!firstName) reasons.push('Prénom manquant');

  const role = parseRole(value('role'));
  if (!role) reasons.push(`Rôle inconnu : « ${value('role')} » (demandeur ou conjoint attendu)`);

  const date = (field: 'birthDate' | 'rightsOpenedOn', label: string): string | null => {
    const raw = cell(field);
    if (cellText(raw).trim() === '') return null;
    const parsed = parseFrenchDate(raw);
    if (!parsed) reasons.push(`${label} impossible : « ${value(field)} » (attendu jj/mm/aaaa)`);
    return parsed;
  };
  const birthDate = date('birthDate', 'Date de naissance');
  if (birthDate && birthDate > context.today)
    reasons.push(`Date de naissance dans le futur : ${birthDate.split('-').reverse().join('/')}`);
  else if (birthDate && birthDate < '1900-01-01')
    reasons.push(`Date de naissance improbable : ${birthDate.split('-').reverse().join('/')}`);
  const rightsOpenedOn = date('rightsOpenedOn', 'Date d’ouverture des droits');

  let phone: string | null = null;
  if (value('phone')) {
    phone = normalisePhone(value('phone')) ?? null;
    if (!phone) reasons.push(`Téléphone invalide : « ${value('phone')} »`);
  }

  let mail: string | null = null;
  if (value('email')) {
    mail = value('email').toLowerCase();
    if (!email.safeParse(mail).success) reasons.push(`Adresse électronique invalide : « ${value('email')} »`);
  }

  let nir: string | null = null;
  if (context.nirEnabled && value('nir')) {
    nir = value('nir').replace(/[\s.-]/g, '');
    if (!/^[12][0-9]{12}([0-9]{2})?$/.test(nir)) reasons.push('NIR invalide (13 ou 15 chiffres attendus)');
  }

  let postalCode = value('postalCode');
  // A postal code typed as a number loses its leading zero (06000 → 6000).
  if (/^\d{4}$/.test(postalCode)) postalCode = `0${postalCode}`;
  const commune = context.resolveCommune({ postalCode, name: value('commune') });
  if (!commune.ok) reasons.push(commune.reason);

  if (reasons.length || !commune.ok || !role)
    return { ok: false, line: row.line, reason: reasons.join(' ; ') };
  const allocataireNumber = value('allocataireNumber').replace(/\s/g, '');
  return {
    ok: true,
    person: {
      line: row.line,
      allocataireNumber: allocataireNumber || null,
      role,
      lastName,
      firstName,
      birthDate,
      address: value('address') || null,
      postalCode:
        postalCode || (commune.commune.postalCodes.length === 1 ? commune.commune.postalCodes[0]! : null),
      communeCode: commune.commune.code,
      communeName: commune.commune.name,
      phone,
      email: mail,
      rightsOpenedOn,
      nir,
    },
  };
}
