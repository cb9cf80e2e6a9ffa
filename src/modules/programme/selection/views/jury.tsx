import {
  type FormState,
  Input,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { FormErrors } from '../../../../platform/web/fields.tsx';
import { conflictKindLabels } from '../conflicts.ts';
import { RUBRIC_LOCKED, type viewJury } from '../jury.service.ts';
import { jurorLabels, labelField, rubricLabels, WEIGHTS, weightField } from '../schemas.ts';
import type { CallRow } from '../selection.repository.ts';
import {
  CallBreadcrumb,
  evaluationPath,
  juryPath,
  personName,
  SelectionNav,
  selectionPath,
} from './parts.tsx';

type JuryView = Awaited<ReturnType<typeof viewJury>>;

function JurorsTable(props: { view: JuryView; callId: string; csrfToken: string }) {
  const { jurors } = props.view;
  if (jurors.length === 0) {
    return <p>Le jury n’a pas encore de membre. Ajoutez-en avec le formulaire ci-dessous.</p>;
  }
  return (
    <Table
      caption={`Membres du jury (${jurors.length})`}
      headers={['Membre', 'Organisation', 'Conflits d’intérêts', 'Action']}
    >
      {jurors.map((juror) => (
        <tr>
          <td>
            {personName(juror)}
            <br />
            <span class="fr-text--sm">{juror.email}</span>
            {juror.deactivatedAt && (
              <>
                <br />
                <span class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">
                  Compte désactivé
                </span>
              </>
            )}
          </td>
          <td>
            {juror.organisations.length === 0
              ? 'Aucune organisation'
              : juror.organisations.map((o) => (
                  <span class="fr-display-block">
                    {o.name}
                    {o.territoryName ? ` (${o.territoryName})` : ''}
                  </span>
                ))}
          </td>
          <td>
            {juror.conflicts.length === 0 ? (
              'Aucun'
            ) : (
              <ul class="fr-text--sm fr-mb-0">
                {juror.conflicts.map((c) => (
                  <li>
                    <a href={evaluationPath(c.problemId)}>{c.title}</a> : {conflictKindLabels[c.kind]}
                    {c.reason ? ` (« ${c.reason} »)` : ''}
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td>
            <PostForm
              action={`${juryPath(props.callId)}/${juror.agentId}/retirer`}
              csrfToken={props.csrfToken}
            >
              <button
                type="submit"
                class="fr-btn fr-btn--sm fr-btn--tertiary"
                title={`Retirer ${personName(juror)} du jury`}
              >
                Retirer
                <span class="fr-sr-only"> {personName(juror)} du jury</span>
              </button>
            </PostForm>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function RubricReadOnly({ view }: { view: JuryView }) {
  return (
    <Table caption="Critères de la grille" headers={['Critère', 'Ce qu’il mesure', 'Poids']}>
      {view.criteria.map((c) => (
        <tr>
          <td>{c.label}</td>
          <td>{c.description}</td>
          <td>{c.weight}</td>
        </tr>
      ))}
    </Table>
  );
}

function RubricForm(props: { view: JuryView; callId: string; form: FormState; csrfToken: string }) {
  const weightOptions = WEIGHTS.map((w) => ({ value: String(w), label: String(w) }));
  return (
    <>
      <FormErrors form={props.form} labels={rubricLabels(props.view.criteria)} />
      <PostForm action={`${juryPath(props.callId)}/grille`} csrfToken={props.csrfToken}>
        {props.view.criteria.map((c, index) => (
          <fieldset class="fr-fieldset fr-mb-2w">
            <legend class="fr-fieldset__legend">
              Critère {index + 1} : {c.label}
              <span class="fr-hint-text">{c.description}</span>
            </legend>
            <div class="fr-fieldset__element">
              <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-8">
                  <Input form={props.form} name={labelField(c.key)} label="Intitulé" required />
                </div>
                <div class="fr-col-12 fr-col-md-4">
                  <Select
                    form={props.form}
                    name={weightField(c.key)}
                    label="Poids"
                    hint="De 1 à 10"
                    options={weightOptions}
                  />
                </div>
              </div>
            </div>
          </fieldset>
        ))}
        <SubmitButton>Enregistrer la grille</SubmitButton>
      </PostForm>
    </>
  );
}

export function JuryPage(props: {
  call: CallRow;
  view: JuryView;
  jurorForm: FormState;
  rubricForm: FormState;
  csrfToken: string;
}) {
  const { call, view } = props;
  const totalWeight = view.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <>
      <CallBreadcrumb
        call={{ id: call.id, title: call.title, cohortName: call.cohortName, cohortSlug: call.cohortSlug }}
        current="Jury"
      />
      <h1 class="fr-mb-1w">Jury</h1>
      <p class="fr-text--lead">{call.title}</p>
      <SelectionNav callId={call.id} current="jury" staff />

      <section class="fr-mb-6w">
        <h2>Membres du jury</h2>
        <p>
          Les membres du jury évaluent les problèmes recevables de l’appel. Un membre d’un service ne note pas
          les problèmes proposés par son propre service : ce conflit d’intérêts est automatique. Chacun peut
          aussi déclarer un conflit sur un problème ; son avis éventuel ne compte alors plus.
        </p>
        <JurorsTable view={view} callId={call.id} csrfToken={props.csrfToken} />
        <h3 class="fr-h5 fr-mt-4w">Ajouter un membre</h3>
        <FormErrors form={props.jurorForm} labels={jurorLabels} />
        <PostForm action={juryPath(call.id)} csrfToken={props.csrfToken}>
          <Input
            form={props.jurorForm}
            name="email"
            type="email"
            label="Adresse électronique de l’agent"
            hint="Tout agent qui a un compte sur Tremplin, quelle que soit son organisation."
            autocomplete="off"
            spellcheck={false}
            required
          />
          <SubmitButton>Ajouter au jury</SubmitButton>
        </PostForm>
      </section>

      <section class="fr-mb-6w">
        <h2>Grille d’évaluation</h2>
        <p>
          Chaque membre note chaque critère de 0 (absent) à 4 (très fort). Le score d’un avis, sur 100, est la
          somme des notes pondérées par les poids, rapportée au maximum possible ; le classement fait la
          moyenne des avis. Total des poids : {totalWeight}.
        </p>
        {view.criteria.length === 0 ? (
          <p>Cet appel n’a pas de grille d’évaluation.</p>
        ) : view.rubricLocked ? (
          <>
            <div class="fr-alert fr-alert--info fr-mb-3w">
              <h3 class="fr-alert__title">Grille verrouillée</h3>
              <p>
                {RUBRIC_LOCKED} ({view.reviewCount} {view.reviewCount > 1 ? 'avis donnés' : 'avis donné'}.)
              </p>
            </div>
            <RubricReadOnly view={view} />
          </>
        ) : (
          <RubricForm view={view} callId={call.id} form={props.rubricForm} csrfToken={props.csrfToken} />
        )}
      </section>
      <p>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={selectionPath(call.id)}>
          Voir le classement et décider
        </a>
      </p>
    </>
  );
}

/** The rubric's current labels and weights as the form's values. */
export function rubricValues(view: JuryView): Record<string, string> {
  return Object.fromEntries(
    view.criteria.flatMap((c) => [
      [labelField(c.key), c.label],
      [weightField(c.key), String(c.weight)],
    ]),
  );
}
