/**
 * The vocabulary of the beta.gouv.fr startup catalogue that the public fields follow, so that a
 * project exported as a startup Markdown file (portfolio) passes the catalogue's checks.
 *
 * User types: the values the catalogue's front-matter uses in `usertypes` (seen in its startup files:
 * « particulier », « collectivite-territoriale », « etat », « entreprise », « association »…), with a
 * French label. The catalogue may know more; these are the ones a service born in a collectivité
 * serves. Sponsors are catalogue organisation ids (« departement-var ») — the catalogue writes them
 * `/organisations/<id>` in its files; the export adds that prefix, we store the bare id.
 */
export const USERTYPES = {
  particulier: 'Particuliers',
  'collectivite-territoriale': 'Collectivités territoriales',
  etat: 'Administrations de l’État',
  entreprise: 'Entreprises',
  association: 'Associations',
  'professionnel-sante': 'Professionnels de santé',
} as const;

export type Usertype = keyof typeof USERTYPES;

/** A catalogue organisation id: lower case letters, digits, dots and hyphens. */
export const SPONSOR_ID = /^[a-z0-9][a-z0-9.-]*$/;

/** Lines of a textarea, trimmed, empty ones dropped, duplicates removed (order kept). */
export function lines(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/** « /organisations/departement-var » or « departement-var » → « departement-var ». */
export function sponsorId(line: string): string {
  return line.replace(/^\/?organisations\//, '').toLowerCase();
}
