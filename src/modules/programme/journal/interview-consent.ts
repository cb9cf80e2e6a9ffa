/**
 * What may be kept about an interviewee. Their name and contact are personal data: the team keeps
 * them only with the person's consent, recorded with the way it was given (oral, signed form…), so
 * the person can be asked again or withdraw it. Without consent the interview is kept anonymous:
 * role, date and notes only (the notes go too at the end of the cohort, see anonymise.service.ts).
 * Once the cohort's interviews have been anonymised, no name comes back.
 */
export type IntervieweeInput = {
  consentRecorded: boolean;
  consentMode: string;
  name: string;
  contact: string;
};

export function consentProblems(input: IntervieweeInput, context: { anonymised: boolean }) {
  const errors: Record<string, string> = {};
  const personal = { nom: input.name, contact: input.contact };
  for (const [field, value] of Object.entries(personal)) {
    if (value.trim() === '') continue;
    if (context.anonymised) {
      errors[field] =
        'Les entretiens de cette saison ont été anonymisés à sa fin : les noms et coordonnées ne sont plus conservés. Laissez ce champ vide.';
    } else if (!input.consentRecorded) {
      errors[field] =
        'Sans consentement enregistré, le nom et les coordonnées de la personne ne sont pas conservés : laissez ce champ vide, ou indiquez qu’elle a donné son consentement et comment.';
    }
  }
  if (input.consentRecorded && input.consentMode.trim() === '') {
    errors.modeConsentement =
      'Indiquez comment la personne a donné son consentement, par exemple « oral, en début d’entretien » ou « formulaire signé ».';
  }
  return errors;
}
