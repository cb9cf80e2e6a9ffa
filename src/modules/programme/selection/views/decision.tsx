import {
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  SubmitButton,
} from '../../../../platform/web/components.tsx';
import { Choices, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import type { ProblemAccess } from '../access.ts';
import { decisionFormLabels, decisionHints, decisionLabels } from '../schemas.ts';
import { DECISIONS } from '../selection.repository.ts';
import {
  CallBreadcrumb,
  decisionPath,
  evaluationPath,
  formatNumber,
  projectPath,
  StatusBadge,
  selectionPath,
} from './parts.tsx';

export type DecisionSummary = {
  score: number | null;
  reviewCount: number;
  excludedCount: number;
  projectSlug: string | null;
};

function Summary({ access, summary }: { access: ProblemAccess; summary: DecisionSummary }) {
  const { problem } = access;
  return (
    <ul class="fr-mb-4w">
      <li>
        Score moyen :{' '}
        {summary.score === null ? 'pas encore d’avis' : `${formatNumber(summary.score)} sur 100`} (
        {summary.reviewCount} avis pris en compte
        {summary.excludedCount > 0 ? `, ${summary.excludedCount} écarté(s) pour conflit d’intérêts` : ''}).
      </li>
      <li>« Moi aussi » : {problem.meTooCount}.</li>
      <li>
        Territoire : {problem.territoryName} ({problem.organisationName}).
      </li>
      {summary.projectSlug && (
        <li>
          Projet créé : <a href={projectPath(summary.projectSlug)}>espace du projet</a>.
        </li>
      )}
    </ul>
  );
}

function NotifiedDecision({ access }: { access: ProblemAccess }) {
  const { problem } = access;
  return (
    <div class="fr-callout fr-mb-4w">
      <h2 class="fr-callout__title fr-h5">Décision notifiée le {formatDateTime(problem.notifiedAt)}</h2>
      <p class="fr-callout__text">
        {problem.status in decisionLabels
          ? decisionLabels[problem.status as keyof typeof decisionLabels]
          : ''}
      </p>
      {problem.redirectTo && <p>Réorienté vers : {problem.redirectTo}</p>}
      <p style="white-space: pre-line">Message envoyé : {problem.decisionNote}</p>
    </div>
  );
}

export function DecisionPage(props: {
  access: ProblemAccess;
  summary: DecisionSummary;
  form: FormState;
  csrfToken: string;
}) {
  const { access } = props;
  const { problem, call } = access;
  const decided = problem.status !== 'recevable';
  return (
    <>
      <CallBreadcrumb
        call={{ id: call.id, title: call.title, cohortName: call.cohortName, cohortSlug: call.cohortSlug }}
        steps={[{ label: 'Sélection', href: selectionPath(call.id) }]}
        current="Décision"
      />
      <h1 class="fr-mb-1w">Décision</h1>
      <p class="fr-text--lead fr-mb-1w">{problem.title}</p>
      <div class="fr-mb-3w">
        <StatusBadge status={problem.status} />
      </div>
      <Summary access={access} summary={props.summary} />
      <p>
        <a class="fr-link" href={evaluationPath(problem.id)}>
          Le problème, les avis et la discussion du jury
        </a>
      </p>
      {problem.notifiedAt ? (
        <NotifiedDecision access={access} />
      ) : (
        <section class="fr-mt-4w">
          <h2>{decided ? 'Changer la décision' : 'Décider'}</h2>
          <p>
            La décision peut changer jusqu’à ce que les décisions soient notifiées depuis la page du
            classement. Un problème retenu devient aussitôt un projet de la saison.
          </p>
          <FormErrors form={props.form} labels={decisionFormLabels} />
          <PostForm action={decisionPath(problem.id)} csrfToken={props.csrfToken}>
            <Choices
              form={props.form}
              name="decision"
              label="Décision"
              kind="radio"
              required
              options={DECISIONS.map((d) => ({ value: d, label: decisionLabels[d], hint: decisionHints[d] }))}
            />
            <Input
              form={props.form}
              name="redirection"
              label="Réorienté vers"
              hint="Obligatoire pour une réorientation : le service, le dispositif ou le projet vers lequel le problème est orienté."
            />
            <Textarea
              form={props.form}
              name="message"
              label="Message à la personne qui a proposé le problème"
              hint="Envoyé par courriel avec la décision, lors de la notification."
              required
              rows={5}
            />
            <SubmitButton>Enregistrer la décision</SubmitButton>
          </PostForm>
          {decided && (
            <PostForm
              action={`${decisionPath(problem.id)}/retirer`}
              csrfToken={props.csrfToken}
              class="fr-mt-4w"
            >
              <p>Revenir sur la décision : le problème attend de nouveau une décision du jury.</p>
              <SubmitButton secondary>Retirer la décision</SubmitButton>
            </PostForm>
          )}
        </section>
      )}
    </>
  );
}

/** The current decision as the form's values. */
export function decisionValues(access: ProblemAccess): Record<string, string> {
  const { problem } = access;
  if (problem.status === 'recevable') return {};
  return { decision: problem.status, message: problem.decisionNote, redirection: problem.redirectTo };
}
