import {
  type FormState,
  formatDateTime,
  PostForm,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { Choices, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import { weightedScore } from '../../rubric.ts';
import type { ProblemAccess } from '../access.ts';
import { conflictKindLabels } from '../conflicts.ts';
import type { EvaluationView } from '../evaluation.service.ts';
import { conflictLabels, noteLabels, reviewLabels, SCORES, scoreField, scoreLabels } from '../schemas.ts';
import type { ProblemRow } from '../selection.repository.ts';
import {
  CallBreadcrumb,
  decisionPath,
  evaluationPath,
  formatNumber,
  personName,
  problemPath,
  StatusBadge,
  selectionPath,
} from './parts.tsx';

/** The problem as its proposer described it, field by field (empty fields left out). */
const problemFields: { key: keyof ProblemRow; label: string }[] = [
  { key: 'whoSuffers', label: 'Qui en souffre' },
  { key: 'howMany', label: 'Combien de personnes' },
  { key: 'frequency', label: 'À quelle fréquence' },
  { key: 'consequencesCitizens', label: 'Conséquences pour les usagers' },
  { key: 'consequencesCollectivite', label: 'Conséquences pour la collectivité' },
  { key: 'evidence', label: 'Éléments de preuve et chiffres' },
  { key: 'workaround', label: 'Comment on fait aujourd’hui' },
  { key: 'sponsor', label: 'Sponsor' },
  { key: 'service', label: 'Service de la personne qui propose' },
  { key: 'availability', label: 'Disponibilité de la personne qui propose' },
];

function ProblemDetails({ problem }: { problem: ProblemRow }) {
  return (
    <section class="fr-mb-6w">
      <h2>Le problème</h2>
      <p>
        Proposé par{' '}
        {personName({ firstName: problem.submitterFirstName, lastName: problem.submitterLastName })} (
        {problem.organisationName}, {problem.territoryName}), le {formatDateTime(problem.submittedAt)}.
      </p>
      <p>
        <strong>
          {problem.meTooCount === 0 ? 'Aucun « moi aussi »' : `${problem.meTooCount} « moi aussi »`}
        </strong>{' '}
        :{' '}
        {problem.meTooCount === 0
          ? 'aucun autre agent ne l’a signalé.'
          : 'autant d’agents disent rencontrer ce problème.'}
      </p>
      <dl>
        {problemFields
          .filter((f) => String(problem[f.key] ?? '').trim() !== '')
          .map((f) => (
            <>
              <dt class="fr-text--bold fr-mb-1v">{f.label}</dt>
              <dd class="fr-ml-0 fr-mb-3w" style="white-space: pre-line">
                {String(problem[f.key])}
              </dd>
            </>
          ))}
      </dl>
      <p>
        <a class="fr-link" href={problemPath(problem.id)}>
          Page du problème
        </a>
      </p>
    </section>
  );
}

function ReviewForm(props: {
  access: ProblemAccess;
  view: EvaluationView;
  form: FormState;
  csrfToken: string;
}) {
  const { view } = props;
  return (
    <section class="fr-mb-6w" id="evaluation">
      <h2>Mon évaluation</h2>
      {view.mine ? (
        <p>
          Vous avez évalué ce problème (dernière modification le {formatDateTime(view.mine.updatedAt)}). Vous
          pouvez changer votre évaluation jusqu’à la notification de la décision.
        </p>
      ) : (
        <p>Notez chaque critère de 0 (absent) à 4 (très fort).</p>
      )}
      <FormErrors form={props.form} labels={reviewLabels(view.criteria)} />
      <PostForm action={evaluationPath(props.access.problem.id)} csrfToken={props.csrfToken}>
        {view.criteria.map((c) => (
          <Choices
            form={props.form}
            name={scoreField(c.key)}
            label={c.label}
            hint={c.description}
            kind="radio"
            inline
            required
            options={SCORES.map((score) => ({ value: String(score), label: scoreLabels[score]! }))}
          />
        ))}
        <Textarea
          form={props.form}
          name="commentaire"
          label="Commentaire"
          hint="Facultatif. Vu par les autres membres du jury et l’équipe du programme, jamais par la personne qui a proposé le problème."
          rows={4}
        />
        <SubmitButton>{view.mine ? 'Modifier mon évaluation' : 'Enregistrer mon évaluation'}</SubmitButton>
      </PostForm>
    </section>
  );
}

type ShownReview = NonNullable<EvaluationView['mine']>;

function excludedText(excluded: ShownReview['excluded']): string {
  if (excluded === null) return 'Oui';
  return excluded === 'former'
    ? 'Non : ne fait plus partie du jury'
    : `Non : ${conflictKindLabels[excluded]}`;
}

function ReviewsTable(props: { caption: string; view: EvaluationView; reviews: ShownReview[] }) {
  const { criteria } = props.view;
  return (
    <Table
      caption={props.caption}
      headers={[
        'Membre',
        ...criteria.map((c) => `${c.label} (poids ${c.weight})`),
        'Score sur 100',
        'Compte dans le classement',
        'Commentaire',
      ]}
    >
      {props.reviews.map((r) => (
        <tr>
          <td>{personName(r)}</td>
          {criteria.map((c) => (
            <td>{r.scores[c.key] ?? '—'}</td>
          ))}
          <td>{formatNumber(weightedScore(criteria, r.scores))}</td>
          <td>{excludedText(r.excluded)}</td>
          <td style="white-space: pre-line">{r.comment || '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

function OtherReviews({ access, view }: { access: ProblemAccess; view: EvaluationView }) {
  if (!view.rights.deliberate) return null;
  return (
    <section class="fr-mb-6w">
      <h2>Avis du jury</h2>
      {view.others === null ? (
        <p>
          {view.othersCount === 0
            ? 'Aucun autre membre n’a encore donné son avis.'
            : `${view.othersCount} autre(s) membre(s) ont donné leur avis : vous les verrez après avoir donné le vôtre, pour que votre première impression reste la vôtre.`}
        </p>
      ) : view.others.length === 0 ? (
        <p>Aucun{access.juror ? ' autre' : ''} membre n’a encore donné son avis.</p>
      ) : (
        <ReviewsTable caption="Avis des membres du jury" view={view} reviews={view.others} />
      )}
    </section>
  );
}

function Discussion(props: {
  access: ProblemAccess;
  view: EvaluationView;
  form: FormState;
  csrfToken: string;
}) {
  if (!props.view.rights.deliberate) return null;
  const { notes } = props.view;
  return (
    <section class="fr-mb-6w" id="discussion">
      <h2>Discussion du jury</h2>
      <p class="fr-text--sm">
        Réservée aux membres du jury sans conflit d’intérêts et à l’équipe du programme : la personne qui a
        proposé le problème ne la voit pas.
      </p>
      {notes.length === 0 ? (
        <p>Aucune note pour l’instant.</p>
      ) : (
        <ol class="fr-raw-list">
          {notes.map((note) => (
            <li class="fr-mb-3w">
              <p class="fr-text--sm fr-mb-1v">
                <strong>{personName(note)}</strong>, le {formatDateTime(note.createdAt)}
              </p>
              <p style="white-space: pre-line">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <FormErrors form={props.form} labels={noteLabels} />
      <PostForm action={`${evaluationPath(props.access.problem.id)}/notes`} csrfToken={props.csrfToken}>
        <Textarea form={props.form} name="texte" label="Ajouter une note" required rows={3} />
        <SubmitButton secondary>Publier la note</SubmitButton>
      </PostForm>
    </section>
  );
}

function ConflictDeclaration(props: {
  access: ProblemAccess;
  view: EvaluationView;
  form: FormState;
  csrfToken: string;
}) {
  if (!props.view.rights.declare) return null;
  return (
    <section class="fr-mb-6w" id="conflit">
      <h2>Déclarer un conflit d’intérêts</h2>
      <p>
        Un lien personnel ou professionnel avec ce problème ou la personne qui l’a proposé ? Déclarez-le :
        vous ne l’évaluerez plus, vous ne verrez plus les avis ni la discussion du jury, et votre évaluation,
        si vous en avez donné une, ne comptera plus. Cette déclaration est définitive.
      </p>
      <FormErrors form={props.form} labels={conflictLabels} />
      <PostForm action={`${evaluationPath(props.access.problem.id)}/conflit`} csrfToken={props.csrfToken}>
        <Textarea form={props.form} name="motif" label="Raison du conflit d’intérêts" required rows={2} />
        <SubmitButton secondary>Déclarer le conflit</SubmitButton>
      </PostForm>
    </section>
  );
}

export type EvaluationForms = { review: FormState; conflict: FormState; note: FormState };

export function EvaluationPage(props: {
  access: ProblemAccess;
  view: EvaluationView;
  forms: EvaluationForms;
  csrfToken: string;
}) {
  const { access, view } = props;
  const { problem, call } = access;
  return (
    <>
      <CallBreadcrumb
        call={{ id: call.id, title: call.title, cohortName: call.cohortName, cohortSlug: call.cohortSlug }}
        steps={[{ label: 'Sélection', href: selectionPath(call.id) }]}
        current="Évaluation"
      />
      <h1 class="fr-mb-1w">{problem.title}</h1>
      <div class="fr-mb-3w">
        <StatusBadge status={problem.status} />
      </div>
      {access.conflict !== null && (
        <div class="fr-alert fr-alert--warning fr-mb-4w">
          <h2 class="fr-alert__title">Vous êtes en conflit d’intérêts sur ce problème</h2>
          <p>
            Raison : {view.conflictReason}. Vous ne l’évaluez pas, et vous ne voyez ni les avis ni la
            discussion du jury à son sujet.{' '}
            {view.mine ? 'L’évaluation que vous aviez donnée ne compte pas dans le classement.' : ''}
          </p>
        </div>
      )}
      {access.staff && (
        <p>
          <a class="fr-btn fr-btn--secondary" href={decisionPath(problem.id)}>
            {problem.status === 'recevable' ? 'Décider' : 'Voir la décision'}
          </a>
        </p>
      )}
      <ProblemDetails problem={problem} />
      {view.rights.review ? (
        <ReviewForm access={access} view={view} form={props.forms.review} csrfToken={props.csrfToken} />
      ) : (
        access.juror &&
        access.conflict === null && (
          <section class="fr-mb-6w">
            <h2>Mon évaluation</h2>
            <p>La décision sur ce problème a été notifiée : les évaluations sont closes.</p>
            {view.mine && <ReviewsTable caption="Mon évaluation" view={view} reviews={[view.mine]} />}
          </section>
        )
      )}
      <OtherReviews access={access} view={view} />
      <Discussion access={access} view={view} form={props.forms.note} csrfToken={props.csrfToken} />
      <ConflictDeclaration
        access={access}
        view={view}
        form={props.forms.conflict}
        csrfToken={props.csrfToken}
      />
    </>
  );
}

/** A saved review as the form's values (to change it). */
export function reviewValues(view: EvaluationView): Record<string, string> {
  if (!view.mine) return {};
  const values: Record<string, string> = { commentaire: view.mine.comment };
  for (const c of view.criteria) {
    const score = view.mine.scores[c.key];
    if (score !== undefined) values[scoreField(c.key)] = String(score);
  }
  return values;
}
