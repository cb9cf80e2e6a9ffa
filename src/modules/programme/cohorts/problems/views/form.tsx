import type { Membership } from '../../../../../platform/auth/actor.ts';
import { ErrorSummary, type FormState, Input, PostForm } from '../../../../../platform/web/components.tsx';
import { Choices, Textarea } from '../../../../../platform/web/fields.tsx';
import { formatInstant, ProgrammeBreadcrumb } from '../../parts.tsx';
import { paths } from '../../paths.ts';
import { PROBLEM_FIELDS, problemLabels } from '../fields.ts';

/**
 * Proposing a problem, or changing one's own. The questions come from fields.ts. A draft can be
 * saved at any point; a problem already submitted is saved as submitted (its required fields stay
 * filled).
 */
export function ProblemFormPage(props: {
  call: { id: string; title: string; closesAt: Date };
  season: { name: string; slug: string };
  organisations: Membership[];
  form: FormState;
  csrfToken: string;
  /** Editing: the problem's id and status. */
  problem?: { id: string; title: string; status: string };
}) {
  const { call, season, form, problem, organisations } = props;
  const submitted = problem?.status === 'soumis';
  const title = problem ? `Modifier « ${problem.title || 'brouillon sans titre'} »` : 'Proposer un problème';
  return (
    <>
      <ProgrammeBreadcrumb
        items={[
          { label: season.name, href: paths.season(season.slug) },
          { label: call.title, href: paths.call(call.id) },
          ...(problem ? [{ label: problem.title || 'Brouillon', href: paths.problem(problem.id) }] : []),
          { label: problem ? 'Modifier' : 'Proposer un problème' },
        ]}
      />
      <h1>{title}</h1>
      <p>
        Vous pouvez enregistrer un brouillon à tout moment et y revenir. Une fois soumis, le problème reste
        modifiable jusqu’à la clôture de l’appel, le {formatInstant(call.closesAt)}.
      </p>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-9">
          <ErrorSummary form={form} labels={problemLabels} />
          <PostForm
            action={problem ? paths.editProblem(problem.id) : paths.newProblem(call.id)}
            csrfToken={props.csrfToken}
          >
            {organisations.length > 1 && (
              <Choices
                form={form}
                kind="radio"
                name="organisation"
                label="Au nom de quel service proposez-vous ce problème ?"
                hint="Vous êtes membre de plusieurs services des collectivités partenaires."
                required
                options={organisations.map((m) => ({
                  value: m.organisationId,
                  label: m.organisationName,
                  hint: m.territoryName ?? undefined,
                }))}
              />
            )}
            {PROBLEM_FIELDS.map((field) =>
              field.rows === 0 ? (
                <Input
                  form={form}
                  name={field.name}
                  label={field.label}
                  hint={field.hint}
                  required={field.required}
                />
              ) : (
                <Textarea
                  form={form}
                  name={field.name}
                  label={field.label}
                  hint={field.hint}
                  required={field.required}
                  rows={field.rows}
                />
              ),
            )}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn" name="intention" value="soumettre">
                  {submitted ? 'Enregistrer les modifications' : 'Soumettre'}
                </button>
              </li>
              {!submitted && (
                <li>
                  <button type="submit" class="fr-btn fr-btn--secondary" name="intention" value="brouillon">
                    Enregistrer le brouillon
                  </button>
                </li>
              )}
              <li>
                <a
                  class="fr-btn fr-btn--tertiary"
                  href={problem ? paths.problem(problem.id) : paths.call(call.id)}
                >
                  Annuler
                </a>
              </li>
            </ul>
          </PostForm>
        </div>
      </div>
    </>
  );
}
