/**
 * The default questions of a call (issue 6 §1), in the order agents answer them, with hints written
 * for agents who have never pitched a project: plain words, an example, what « good enough » is.
 * `column` is the problems table's column; `required` fields must be filled to submit (a draft keeps
 * whatever is there).
 */
export const PROBLEM_FIELDS = [
  {
    name: 'titre',
    column: 'title',
    label: 'Le problème en une phrase',
    hint: 'Décrivez le problème, pas la solution. Par exemple : « Des allocataires du RSA attendent plus de six mois leur premier rendez-vous. »',
    required: true,
    max: 200,
    rows: 0,
  },
  {
    name: 'qui',
    column: 'whoSuffers',
    label: 'Qui en souffre ?',
    hint: 'Les usagers concernés, des agents, un service… Dites qui ils sont et ce qu’ils vivent.',
    required: true,
    max: 3000,
    rows: 3,
  },
  {
    name: 'combien',
    column: 'howMany',
    label: 'Combien de personnes sont concernées ?',
    hint: 'Un ordre de grandeur suffit : « une trentaine de familles par mois », « tous les appels du standard ».',
    required: true,
    max: 1000,
    rows: 2,
  },
  {
    name: 'frequence',
    column: 'frequency',
    label: 'À quelle fréquence le problème se pose-t-il ?',
    hint: 'Chaque jour, chaque semaine, à chaque rentrée scolaire…',
    required: true,
    max: 1000,
    rows: 2,
  },
  {
    name: 'consequences_usagers',
    column: 'consequencesCitizens',
    label: 'Quelles conséquences pour les usagers ?',
    hint: 'Attente, déplacements inutiles, droits non ouverts, démarches abandonnées, isolement…',
    required: true,
    max: 3000,
    rows: 4,
  },
  {
    name: 'consequences_collectivite',
    column: 'consequencesCollectivite',
    label: 'Quelles conséquences pour la collectivité ?',
    hint: 'Temps passé par les agents, appels répétés, coûts, retards, image du service…',
    required: true,
    max: 3000,
    rows: 4,
  },
  {
    name: 'preuves',
    column: 'evidence',
    label: 'Éléments de preuve et chiffres',
    hint: 'Ce qui montre le problème et d’où cela vient : un tableau de bord, un comptage fait à la main, des réclamations, des témoignages. Une estimation honnête vaut mieux que rien.',
    required: true,
    max: 3000,
    rows: 4,
  },
  {
    name: 'contournement',
    column: 'workaround',
    label: 'Comment fait-on aujourd’hui ?',
    hint: 'Les solutions de fortune : un tableur, des relances par téléphone, du papier… Laissez vide s’il n’y en a pas.',
    required: false,
    max: 3000,
    rows: 3,
  },
  {
    name: 'sponsor',
    column: 'sponsor',
    label: 'Sponsor',
    hint: 'La personne responsable (direction, élu ou élue) qui soutient la démarche et pourra libérer votre temps. Laissez vide si vous ne savez pas encore.',
    required: false,
    max: 500,
    rows: 0,
  },
  {
    name: 'service',
    column: 'service',
    label: 'Votre service',
    hint: 'Le nom de votre service ou de votre équipe, tel que vos collègues le connaissent.',
    required: true,
    max: 200,
    rows: 0,
  },
  {
    name: 'disponibilite',
    column: 'availability',
    label: 'Votre disponibilité',
    hint: 'Si le problème est retenu, pourriez-vous y consacrer environ un jour par semaine pendant trois mois ? Dites-le simplement, avec vos contraintes.',
    required: true,
    max: 1000,
    rows: 2,
  },
] as const;

export type ProblemField = (typeof PROBLEM_FIELDS)[number];
export type ProblemColumn = ProblemField['column'];
export type ProblemText = Record<ProblemColumn, string>;

/** The message beside an empty required field when the agent submits. */
export const MISSING: Record<string, string> = {
  titre: 'Décrivez le problème en une phrase.',
  qui: 'Dites qui souffre du problème.',
  combien: 'Donnez un ordre de grandeur du nombre de personnes concernées.',
  frequence: 'Dites à quelle fréquence le problème se pose.',
  consequences_usagers: 'Décrivez les conséquences pour les usagers.',
  consequences_collectivite: 'Décrivez les conséquences pour la collectivité.',
  preuves: 'Donnez au moins un élément qui montre le problème, même approximatif.',
  service: 'Indiquez votre service.',
  disponibilite: 'Dites si vous pourriez vous rendre disponible.',
};

/** The required fields left empty, each with its message (nothing missing: an empty object). */
export function missingFields(text: ProblemText): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of PROBLEM_FIELDS) {
    if (field.required && text[field.column].trim() === '') errors[field.name] = MISSING[field.name]!;
  }
  return errors;
}

export const problemLabels: Record<string, string> = {
  organisation: 'Organisation',
  ...Object.fromEntries(PROBLEM_FIELDS.map((f) => [f.name, f.label])),
};
