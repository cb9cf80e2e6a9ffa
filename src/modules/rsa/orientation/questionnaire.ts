/**
 * The orientation questionnaire, as data: a few short questions in plain French the person answers
 * from their invitation link (or an agent with them), each optional, each with « Je préfère ne pas
 * répondre ». The answers feed a suggested orientation the référent sees beside them; the référent
 * decides.
 *
 * Why data in the module and not a generic form builder: the platform's forms (issue 6,
 * src/platform/forms) do not exist yet, and this questionnaire needs what a generic builder would
 * not know: a weight per answer and the sentence the référent reads as a reason. When the forms
 * capability lands, QUESTIONS can become its definition and WEIGHTS stay here.
 *
 * How the suggestion works (suggestOrientation, table-tested beside this file). Every answer may
 * lean to the social side (a difficulty to solve first: housing, health, money, childcare…) or to
 * the professional side (ready for work: wishes a job, recent experience, can get about). Weights:
 * 3 for an answer that alone justifies its side (no home, eviction, health stopping work, « d'abord
 * régler des difficultés », « trouver un emploi rapidement »), 2 for a strong sign, 1 for a small one.
 *   - nothing leaning either way                      → socio-professionnelle (« à voir ensemble »);
 *   - social ≥ 3 and professional ≥ 3                 → socio-professionnelle (wants work, but a
 *                                                       difficulty must be solved alongside);
 *   - social ≥ 3                                      → sociale;
 *   - professional ≥ 3 and social ≤ 1                 → professionnelle;
 *   - anything else (small signs on both sides)       → socio-professionnelle.
 * Example: hosted by family (social 1), wants a job quickly (pro 3), worked last year (pro 2), no
 * other difficulty → professionnelle. Add « dettes » (social 2) → socio-professionnelle.
 */

export type Orientation = 'sociale' | 'professionnelle' | 'socio_professionnelle';

export const orientations: Orientation[] = ['sociale', 'socio_professionnelle', 'professionnelle'];

export const orientationLabels: Record<Orientation, string> = {
  sociale: 'Sociale',
  professionnelle: 'Professionnelle',
  socio_professionnelle: 'Socio-professionnelle',
};

export const orientationHints: Record<Orientation, string> = {
  sociale: 'Régler d’abord des difficultés (logement, santé, argent, famille) avec un travailleur social.',
  professionnelle: 'Chercher un emploi ou une formation, accompagné par France Travail ou un service emploi.',
  socio_professionnelle:
    'Les deux à la fois : un accompagnement vers l’emploi qui tient compte des difficultés.',
};

/** The answer every question offers: the person may always decline. */
export const DECLINED = 'nsp';
export const DECLINED_LABEL = 'Je préfère ne pas répondre';

export type Option = {
  value: string;
  label: string;
  /** How much this answer leans to each side (see above), and the reason the référent reads. */
  social?: number;
  pro?: number;
  reason?: string;
};

export type Question = {
  /** The key in rsa_questionnaire_answers.answers. */
  key: string;
  kind: 'one' | 'several';
  label: string;
  hint?: string;
  options: Option[];
  /** For « several »: the most the ticked boxes together may add to the professional side. */
  proCap?: number;
};

export const QUESTIONS: Question[] = [
  {
    key: 'situation',
    kind: 'one',
    label: 'Vivez-vous seul·e ou en couple ?',
    options: [
      { value: 'seul', label: 'Seul·e' },
      { value: 'couple', label: 'En couple' },
    ],
  },
  {
    key: 'enfants',
    kind: 'one',
    label: 'Avez-vous des enfants à charge ?',
    options: [
      { value: 'non', label: 'Non' },
      {
        value: 'petits',
        label: 'Oui, dont au moins un de moins de 6 ans',
        social: 1,
        reason: 'Enfant de moins de 6 ans à charge',
      },
      { value: 'grands', label: 'Oui, tous de 6 ans ou plus' },
    ],
  },
  {
    key: 'logement',
    kind: 'one',
    label: 'Où habitez-vous en ce moment ?',
    options: [
      { value: 'stable', label: 'Dans un logement à mon nom (locataire ou propriétaire)' },
      {
        value: 'heberge',
        label: 'Hébergé·e chez de la famille ou des amis',
        social: 1,
        reason: 'Hébergé·e chez un proche',
      },
      {
        value: 'sans_logement',
        label: 'Sans logement (à la rue, en foyer, à l’hôtel…)',
        social: 3,
        reason: 'Sans logement',
      },
      {
        value: 'expulsion',
        label: 'Dans un logement, mais menacé·e d’expulsion',
        social: 3,
        reason: 'Menace d’expulsion',
      },
    ],
  },
  {
    key: 'sante',
    kind: 'one',
    label: 'Votre santé vous empêche-t-elle de travailler ?',
    options: [
      { value: 'non', label: 'Non' },
      {
        value: 'un_peu',
        label: 'Un peu, pour certains emplois',
        social: 1,
        reason: 'Santé : gêne pour certains emplois',
      },
      {
        value: 'oui',
        label: 'Oui, beaucoup',
        social: 3,
        reason: 'Santé : empêche de travailler',
      },
    ],
  },
  {
    key: 'mobilite',
    kind: 'several',
    label: 'Comment pouvez-vous vous déplacer ?',
    hint: 'Cochez tout ce qui vous correspond.',
    proCap: 1,
    options: [
      { value: 'permis', label: 'J’ai le permis de conduire', pro: 1, reason: 'Permis de conduire' },
      { value: 'vehicule', label: 'J’ai une voiture, un scooter ou un vélo', pro: 1, reason: 'Véhicule' },
      {
        value: 'transports',
        label: 'Je peux prendre le bus ou le train',
        pro: 1,
        reason: 'Transports en commun',
      },
      {
        value: 'aucun',
        label: 'J’ai du mal à me déplacer',
        social: 1,
        reason: 'Difficultés pour se déplacer',
      },
    ],
  },
  {
    key: 'formation',
    kind: 'one',
    label: 'Jusqu’où êtes-vous allé·e à l’école ?',
    options: [
      { value: 'aucune', label: 'Pas d’école, ou l’école primaire' },
      { value: 'college', label: 'Le collège (brevet ou sans diplôme)' },
      { value: 'cap', label: 'Un CAP ou un BEP', pro: 1, reason: 'Diplôme : CAP ou BEP' },
      { value: 'bac', label: 'Le bac', pro: 1, reason: 'Diplôme : bac' },
      { value: 'superieur', label: 'Des études après le bac', pro: 1, reason: 'Études après le bac' },
    ],
  },
  {
    key: 'experience',
    kind: 'one',
    label: 'Avez-vous déjà travaillé ?',
    options: [
      { value: 'jamais', label: 'Non, jamais' },
      {
        value: 'ancienne',
        label: 'Oui, il y a plus de 2 ans',
        pro: 1,
        reason: 'A travaillé (il y a plus de 2 ans)',
      },
      {
        value: 'recente',
        label: 'Oui, ces 2 dernières années',
        pro: 2,
        reason: 'A travaillé ces 2 dernières années',
      },
    ],
  },
  {
    key: 'france_travail',
    kind: 'one',
    label: 'Êtes-vous inscrit·e à France Travail (ex-Pôle emploi) ?',
    options: [
      { value: 'oui', label: 'Oui', pro: 1, reason: 'Inscrit·e à France Travail' },
      { value: 'non', label: 'Non' },
    ],
  },
  {
    key: 'souhait',
    kind: 'one',
    label: 'Que voulez-vous faire en premier ?',
    options: [
      {
        value: 'emploi',
        label: 'Trouver un emploi rapidement',
        pro: 3,
        reason: 'Souhaite trouver un emploi rapidement',
      },
      { value: 'formation', label: 'Suivre une formation', pro: 2, reason: 'Souhaite suivre une formation' },
      { value: 'creation', label: 'Créer mon activité', pro: 2, reason: 'Souhaite créer son activité' },
      {
        value: 'difficultes',
        label: 'D’abord régler des difficultés (logement, santé, argent…)',
        social: 3,
        reason: 'Souhaite d’abord régler des difficultés',
      },
      { value: 'ne_sait_pas', label: 'Je ne sais pas encore' },
    ],
  },
  {
    key: 'freins',
    kind: 'several',
    label: 'Qu’est-ce qui vous gêne aujourd’hui ?',
    hint: 'Cochez tout ce qui vous correspond.',
    options: [
      { value: 'garde', label: 'Faire garder mes enfants', social: 1, reason: 'Garde d’enfants' },
      { value: 'dettes', label: 'Des dettes ou des problèmes d’argent', social: 1, reason: 'Dettes' },
      { value: 'langue', label: 'Parler, lire ou écrire le français', social: 1, reason: 'Langue française' },
      { value: 'numerique', label: 'Utiliser un téléphone ou internet', social: 1, reason: 'Numérique' },
      {
        value: 'demarches',
        label: 'Faire mes démarches (papiers, dossiers)',
        social: 1,
        reason: 'Démarches administratives',
      },
      { value: 'rien', label: 'Rien de tout cela' },
    ],
  },
];

export const questionLabels: Record<string, string> = Object.fromEntries(
  QUESTIONS.map((q) => [q.key, q.label]),
);

export type Answers = Record<string, string | string[]>;

/** One answer that counted, and which way. */
export type Reason = { side: 'sociale' | 'professionnelle'; text: string };

export type Suggestion = { orientation: Orientation; reasons: Reason[]; social: number; pro: number };

/** The suggested orientation and why (the rule is in this file's header). Pure: answers in, suggestion out. */
export function suggestOrientation(answers: Answers): Suggestion {
  let social = 0;
  let pro = 0;
  const reasons: Reason[] = [];
  for (const question of QUESTIONS) {
    const given = answers[question.key];
    const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
    let questionPro = 0;
    for (const value of values) {
      const option = question.options.find((o) => o.value === value);
      if (!option) continue;
      if (option.social) {
        social += option.social;
        reasons.push({ side: 'sociale', text: option.reason ?? option.label });
      }
      if (option.pro) {
        const room = (question.proCap ?? Number.POSITIVE_INFINITY) - questionPro;
        questionPro += Math.min(option.pro, room);
        reasons.push({ side: 'professionnelle', text: option.reason ?? option.label });
      }
    }
    pro += questionPro;
  }
  return { orientation: decide(social, pro), reasons, social, pro };
}

function decide(social: number, pro: number): Orientation {
  if (social === 0 && pro === 0) return 'socio_professionnelle';
  if (social >= 3 && pro >= 3) return 'socio_professionnelle';
  if (social >= 3) return 'sociale';
  if (pro >= 3 && social <= 1) return 'professionnelle';
  return 'socio_professionnelle';
}

/** What the référent reads when nothing leans either way. */
export const NO_SIGNAL_REASON =
  'Trop peu de réponses pour proposer une orientation : à voir avec la personne.';

export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; errors: Record<string, string> };

/**
 * Reads a posted questionnaire (a radio value per « one » question, repeated values per « several »).
 * Unanswered questions are left out; « Je préfère ne pas répondre » is kept as DECLINED and alone (it
 * wins over boxes ticked with it). Values not offered are refused (only a tampered form sends them).
 */
export function parseAnswers(body: unknown): ParsedAnswers {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const question of QUESTIONS) {
    const given = raw[question.key];
    const values = (Array.isArray(given) ? given : given === undefined ? [] : [given])
      .map((v) => String(v).trim())
      .filter((v) => v !== '');
    if (values.length === 0) continue;
    const allowed = new Set([...question.options.map((o) => o.value), DECLINED]);
    if (values.some((v) => !allowed.has(v))) {
      errors[question.key] = 'Choisissez une réponse dans la liste.';
      continue;
    }
    if (values.includes(DECLINED)) answers[question.key] = question.kind === 'one' ? DECLINED : [DECLINED];
    else if (question.kind === 'one') {
      if (values.length > 1) errors[question.key] = 'Choisissez une seule réponse.';
      else answers[question.key] = values[0]!;
    } else answers[question.key] = [...new Set(values)];
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

/** The answers as the form shows them again (several values joined by commas, as Choices reads them). */
export function answersAsFormValues(answers: Answers): Record<string, string> {
  return Object.fromEntries(
    Object.entries(answers).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]),
  );
}

/** Each answered question with its answer in words, in the questionnaire's order (for the référent). */
export function describeAnswers(answers: Answers): { question: string; answer: string }[] {
  const lines: { question: string; answer: string }[] = [];
  for (const question of QUESTIONS) {
    const given = answers[question.key];
    if (given === undefined) continue;
    const values = Array.isArray(given) ? given : [given];
    const words = values.map((v) =>
      v === DECLINED ? DECLINED_LABEL : (question.options.find((o) => o.value === v)?.label ?? v),
    );
    lines.push({ question: question.label, answer: words.join(' ; ') });
  }
  return lines;
}
