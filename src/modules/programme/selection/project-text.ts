/**
 * What a problem retained by the jury gives its project: the « problème » paragraph of the
 * portfolio and of the beta.gouv.fr export, and the day the investigation starts. Pure.
 */

/** A field's text as the middle of a sentence: trimmed, without its final full stop. */
function clause(value: string): string {
  return value
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.;,\s]+$/, '');
}

/**
 * One paragraph from who suffers, how many, and the consequences for citizens and for the
 * collectivité; a part left empty is skipped. E.g. « Qui en souffre : les allocataires du RSA (environ
 * 4 000 par an). Conséquences pour les usagers : 8 mois d’attente avant un premier rendez-vous.
 * Conséquences pour la collectivité : des relances coûteuses. »
 */
export function problemParagraph(problem: {
  whoSuffers: string;
  howMany: string;
  consequencesCitizens: string;
  consequencesCollectivite: string;
}): string {
  const who = clause(problem.whoSuffers);
  const howMany = clause(problem.howMany);
  const sentences: string[] = [];
  if (who && howMany) sentences.push(`Qui en souffre : ${who} (${howMany}).`);
  else if (who) sentences.push(`Qui en souffre : ${who}.`);
  else if (howMany) sentences.push(`Personnes concernées : ${howMany}.`);
  const citizens = clause(problem.consequencesCitizens);
  if (citizens) sentences.push(`Conséquences pour les usagers : ${citizens}.`);
  const collectivite = clause(problem.consequencesCollectivite);
  if (collectivite) sentences.push(`Conséquences pour la collectivité : ${collectivite}.`);
  return sentences.join(' ');
}

/** The investigation starts with the cohort, or on the day of the decision when the cohort has begun. */
export function projectStartDay(cohortStartsOn: string, today: string): string {
  return today > cohortStartsOn ? today : cohortStartsOn;
}
