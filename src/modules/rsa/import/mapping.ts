import { searchKey } from '../../../platform/geo/text.ts';

/**
 * Which column of a file holds which field of a beneficiary. Files from the CAF and from the
 * départements name their columns in many ways (« N° allocataire », « NUMALLOC », « Matricule »…):
 * each field has presets, compared without accents, case, spaces or punctuation, and an
 * organisation's own choices (rsa_column_mappings) win over them when the file has that column.
 * Pure functions, tested in mapping.test.ts.
 */

export const importFields = [
  'allocataireNumber',
  'role',
  'lastName',
  'firstName',
  'birthDate',
  'address',
  'postalCode',
  'commune',
  'phone',
  'email',
  'rightsOpenedOn',
  'nir',
] as const;
export type ImportField = (typeof importFields)[number];

/** field → header of the file, as written in the file. A field left out is not imported. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

export const fieldLabels: Record<ImportField, string> = {
  allocataireNumber: 'Numéro allocataire',
  role: 'Rôle (demandeur ou conjoint)',
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  address: 'Adresse',
  postalCode: 'Code postal',
  commune: 'Commune',
  phone: 'Téléphone',
  email: 'Adresse électronique',
  rightsOpenedOn: 'Date d’ouverture des droits',
  nir: 'NIR (numéro de sécurité sociale)',
};

/** Without these a row cannot be imported: the preview asks for them before anything is applied. */
export const requiredFields: ImportField[] = ['lastName', 'firstName'];

/** Headers seen in CAF and département exports, as headerKey gives them. */
const presets: Record<ImportField, string[]> = {
  allocataireNumber: [
    'nallocataire',
    'noallocataire',
    'numallocataire',
    'numeroallocataire',
    'numerodallocataire',
    'numalloc',
    'numallocat',
    'matricule',
    'matriculecaf',
    'numerocaf',
    'ncaf',
    'numcaf',
    'nallocatairecaf',
  ],
  role: ['role', 'rolepersonne', 'rolepers', 'qualite', 'roleallocataire', 'roledanslefoyer'],
  lastName: ['nom', 'nomdefamille', 'nomusage', 'nomdusage', 'nomnaissance', 'nomdenaissance', 'lastname'],
  firstName: ['prenom', 'prenoms', 'firstname'],
  birthDate: ['datedenaissance', 'datenaissance', 'dtnai', 'dtnaiss', 'datenais', 'nele', 'nee', 'birthdate'],
  address: ['adresse', 'adressepostale', 'adresse1', 'ligneadresse', 'voie', 'rue', 'adressedomicile'],
  postalCode: ['codepostal', 'cp', 'cpostal', 'codepost'],
  commune: ['commune', 'ville', 'localite', 'libellecommune', 'nomcommune', 'communederesidence'],
  phone: [
    'telephone',
    'tel',
    'telephoneportable',
    'portable',
    'mobile',
    'numerodetelephone',
    'numtel',
    'telephone1',
  ],
  email: ['email', 'mail', 'courriel', 'adresseelectronique', 'adressemail', 'adressecourriel'],
  rightsOpenedOn: [
    'datedouverturededroits',
    'datedouverturedesdroits',
    'dateouverturedroits',
    'dateouverturedesdroits',
    'dateouverturedroit',
    'datedentreersa',
    'dateentreersa',
    'dateentreedansledispositif',
    'dtdemrsa',
    'dateouverturersa',
    'datedouverturersa',
    'datedemandersa',
  ],
  nir: ['nir', 'numerodesecuritesociale', 'nsecuritesociale', 'numerosecuritesociale', 'nss', 'numss'],
};

/** « N° d’allocataire », « NUM_ALLOCATAIRE » and « numéro allocataire » compare equal. */
export function headerKey(header: string): string {
  return searchKey(header).replace(/ /g, '');
}

/**
 * The mapping for a file's headers: the organisation's saved choices where the file has that column,
 * then the presets, each column used once. Headers are returned as the file writes them.
 */
export function resolveMapping(headers: string[], saved: ColumnMapping = {}): ColumnMapping {
  const byKey = new Map<string, string>();
  for (const header of headers) {
    const key = headerKey(header);
    if (key && !byKey.has(key)) byKey.set(key, header);
  }
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  const take = (field: ImportField, key: string) => {
    const header = byKey.get(key);
    if (header === undefined || used.has(key) || mapping[field] !== undefined) return;
    mapping[field] = header;
    used.add(key);
  };
  for (const field of importFields) {
    const wanted = saved[field];
    if (wanted) take(field, headerKey(wanted));
  }
  for (const field of importFields) for (const key of presets[field]) take(field, key);
  return mapping;
}

/** How many fields a row of headers would fill by the presets: finds the header row below a title. */
export function presetMatches(cells: string[]): number {
  return Object.keys(resolveMapping(cells)).length;
}

/** The column index of each mapped field in this file (fields whose header is absent are left out). */
export function columnIndexes(
  headers: string[],
  mapping: ColumnMapping,
): Partial<Record<ImportField, number>> {
  const keys = headers.map(headerKey);
  const indexes: Partial<Record<ImportField, number>> = {};
  for (const field of importFields) {
    const header = mapping[field];
    if (!header) continue;
    const index = keys.indexOf(headerKey(header));
    if (index >= 0) indexes[field] = index;
  }
  return indexes;
}

/** The required fields the mapping leaves without a column. */
export function missingRequired(headers: string[], mapping: ColumnMapping): ImportField[] {
  const indexes = columnIndexes(headers, mapping);
  return requiredFields.filter((field) => indexes[field] === undefined);
}
