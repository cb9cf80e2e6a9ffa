import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  Select,
} from '../../../../../platform/web/components.tsx';
import { Choices, Textarea } from '../../../../../platform/web/fields.tsx';
import { problemStatusLabels } from '../../../labels.ts';
import { formatInstant, Paragraphs, ProblemStatusBadge, ProgrammeBreadcrumb } from '../../parts.tsx';
import { paths } from '../../paths.ts';
import { PROBLEM_FIELDS } from '../fields.ts';
import type { ProblemPage as Page } from '../problem.service.ts';
import { mergeLabels, meTooLabels, prescreenLabels } from '../schemas.ts';

export type ProblemForms = { meToo: FormState; merge: FormState; prescreen: FormState };

/** A problem: its answers, its status and history, its « moi aussi », and the actions open to the reader. */
export function ProblemPage(props: { page: Page; forms: ProblemForms; csrfToken: string }) {
  const { page, forms, csrfToken } = props;
  const { problem, call, cohort } = page;
  const title = problem.title || 'Brouillon sans titre';
  return (
    <>
      <ProgrammeBreadcrumb
        items={[
          { label: cohort.name, href: paths.season(cohort.slug) },
          { label: call.title, href: paths.call(call.id) },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <ProblemStatusBadge status={problem.status} />
      <p class="fr-mt-2w">
        {page.origin?.organisationName}
        {page.origin?.territoryName ? `, ${page.origin.territoryName}` : ''}
        {page.submitter ? ` — proposé par ${page.submitter.firstName} ${page.submitter.lastName}` : ''}
        {problem.submittedAt ? `, soumis le ${formatInstant(problem.submittedAt)}` : ''}.
      </p>
      {problem.status === 'fusionne' && problem.mergedIntoId && (
        <div class="fr-alert fr-alert--info fr-mb-4w">
          <p>
            Ce problème a été fusionné avec un problème semblable :{' '}
            <a href={paths.problem(problem.mergedIntoId)}>{page.keptTitle}</a>. Les « moi aussi » l’ont suivi.
          </p>
        </div>
      )}
      {page.author && problem.status === 'brouillon' && (
        <div class={`fr-alert fr-alert--${page.state === 'clos' ? 'warning' : 'info'} fr-mb-4w`}>
          <p>
            {page.state === 'clos'
              ? `L’appel est clos depuis le ${formatInstant(call.closesAt)} : ce brouillon n’a pas été soumis et ne peut plus l’être.`
              : `Ce brouillon n’est visible que par vous. Soumettez-le avant le ${formatInstant(call.closesAt)}.`}
          </p>
        </div>
      )}
      {page.author && problem.status === 'soumis' && page.state === 'clos' && (
        <p>L’appel est clos : le problème ne peut plus être modifié.</p>
      )}
      <AuthorActions page={page} csrfToken={csrfToken} />

      {PROBLEM_FIELDS.map((field) => (
        <section class="fr-mb-3w">
          <h2 class="fr-h6 fr-mb-1w">{field.label}</h2>
          {problem[field.column] ? <Paragraphs text={problem[field.column]} /> : <p>Non renseigné.</p>}
        </section>
      ))}

      {problem.status !== 'brouillon' && (
        <MeTooSection page={page} form={forms.meToo} csrfToken={csrfToken} />
      )}
      <History page={page} />
      {page.mayTriage && <Triage page={page} forms={forms} csrfToken={csrfToken} />}
    </>
  );
}

function AuthorActions({ page, csrfToken }: { page: Page; csrfToken: string }) {
  if (!page.mayEdit && !page.mayWithdraw) return null;
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
      {page.mayEdit && (
        <li>
          <a class="fr-btn" href={paths.editProblem(page.problem.id)}>
            {page.problem.status === 'brouillon' ? 'Reprendre le brouillon' : 'Modifier'}
          </a>
        </li>
      )}
      {page.mayWithdraw && (
        <li>
          <PostForm action={`${paths.problem(page.problem.id)}/suppression`} csrfToken={csrfToken}>
            <button type="submit" class="fr-btn fr-btn--tertiary">
              Supprimer le brouillon
            </button>
          </PostForm>
        </li>
      )}
    </ul>
  );
}

function MeTooSection({ page, form, csrfToken }: { page: Page; form: FormState; csrfToken: string }) {
  const n = page.meTooCount;
  return (
    <section class="fr-mb-4w" id="moi-aussi">
      <h2>« Moi aussi »</h2>
      <p>
        {n === 0
          ? 'Aucun autre agent n’a encore dit rencontrer ce problème.'
          : n === 1
            ? 'Un autre agent rencontre ce problème.'
            : `${n} autres agents rencontrent ce problème.`}
      </p>
      {page.meToos.length > 0 && (
        <ul>
          {page.meToos.map((m) => (
            <li>
              {m.firstName} {m.lastName} ({m.service}), le {formatDateTime(m.createdAt)}
              {m.comment && ` : « ${m.comment} »`}
            </li>
          ))}
        </ul>
      )}
      {page.mine && (
        <PostForm action={`${paths.problem(page.problem.id)}/moi-aussi/retrait`} csrfToken={csrfToken}>
          <p>Vous avez dit « moi aussi » ({page.mine.service}).</p>
          <button type="submit" class="fr-btn fr-btn--secondary">
            Retirer mon « moi aussi »
          </button>
        </PostForm>
      )}
      {page.mayMeToo && (
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-md-8">
            <ErrorSummary form={form} labels={meTooLabels} />
            <PostForm action={`${paths.problem(page.problem.id)}/moi-aussi`} csrfToken={csrfToken}>
              <p>
                Vous rencontrez ce problème dans votre service ? Dites-le : c’est un signal fort pour le jury.
              </p>
              <Input
                form={form}
                name="service"
                label={meTooLabels.service}
                required
                hint="Le nom de votre service ou de votre équipe."
              />
              <Textarea
                form={form}
                name="commentaire"
                label={meTooLabels.commentaire}
                rows={3}
                hint="Facultatif : comment le problème se présente chez vous, un chiffre, un exemple."
              />
              <button type="submit" class="fr-btn">
                Moi aussi
              </button>
            </PostForm>
          </div>
        </div>
      )}
    </section>
  );
}

function History({ page }: { page: Page }) {
  const { problem } = page;
  const items: string[] = [];
  if (problem.submittedAt) items.push(`Soumis le ${formatInstant(problem.submittedAt)}.`);
  if (problem.prescreenedAt) {
    const by = page.prescreenedByName ? ` par ${page.prescreenedByName}` : '';
    const outcome = problem.status === 'irrecevable' ? 'irrecevable' : 'recevable';
    const note =
      page.showPrescreenNote && problem.prescreenNote ? ` Note : « ${problem.prescreenNote} »` : '';
    items.push(`Pré-examen le ${formatInstant(problem.prescreenedAt)}${by} : ${outcome}.${note}`);
  }
  if (problem.status === 'fusionne') items.push(`Fusionné le ${formatInstant(problem.updatedAt)}.`);
  if (items.length === 0 && page.merged.length === 0) return null;
  return (
    <section class="fr-mb-4w">
      <h2>Historique</h2>
      <ul>
        {items.map((item) => (
          <li>{item}</li>
        ))}
        {page.merged.map((m) => (
          <li>
            Le problème semblable <a href={paths.problem(m.id)}>{m.title}</a> y a été fusionné le{' '}
            {formatInstant(m.updatedAt)}.
          </li>
        ))}
      </ul>
    </section>
  );
}

function Triage({ page, forms, csrfToken }: { page: Page; forms: ProblemForms; csrfToken: string }) {
  const id = page.problem.id;
  return (
    <section class="fr-mb-4w">
      <h2>Tri par l’équipe du programme</h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <h3 class="fr-h5">Pré-examen</h3>
          <ErrorSummary form={forms.prescreen} labels={prescreenLabels} />
          <PostForm action={`${paths.problem(id)}/preexamen`} csrfToken={csrfToken}>
            <Choices
              form={forms.prescreen}
              kind="radio"
              name="decision"
              label="Ce problème est-il recevable ?"
              required
              options={[
                { value: 'recevable', label: 'Recevable', hint: 'Il passera devant le jury.' },
                {
                  value: 'irrecevable',
                  label: 'Irrecevable',
                  hint: 'Hors du champ du programme ; expliquez pourquoi.',
                },
              ]}
            />
            <Textarea
              form={forms.prescreen}
              name="note"
              label={prescreenLabels.note}
              rows={3}
              hint="Lue par l’agent qui a proposé le problème. Obligatoire s’il est irrecevable."
            />
            <button type="submit" class="fr-btn">
              Enregistrer le pré-examen
            </button>
          </PostForm>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h3 class="fr-h5">Doublon</h3>
          {page.mergeTargets.length === 0 ? (
            <p>Aucun autre problème soumis à cet appel avec lequel le fusionner.</p>
          ) : (
            <>
              <ErrorSummary form={forms.merge} labels={mergeLabels} />
              <PostForm action={`${paths.problem(id)}/fusion`} csrfToken={csrfToken}>
                <Select
                  form={forms.merge}
                  name="dans"
                  label="Fusionner ce problème dans"
                  hint="Le problème choisi est gardé ; celui-ci y renvoie, et son auteur et ses « moi aussi » deviennent des « moi aussi » du problème gardé."
                  required
                  placeholder="Choisir le problème à garder"
                  options={page.mergeTargets.map((t) => ({
                    value: t.id,
                    label: `${t.title} (${problemStatusLabels[t.status]})`,
                  }))}
                />
                <button type="submit" class="fr-btn fr-btn--secondary">
                  Fusionner
                </button>
              </PostForm>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
