import {
  Breadcrumb,
  type FormState,
  fieldId,
  PostForm,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { Choices, Field, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import type { SavedAnswers } from '../../person.repository.ts';
import {
  describeAnswers,
  NO_SIGNAL_REASON,
  type Orientation,
  orientationHints,
  orientationLabels,
  orientations,
  type Suggestion,
} from '../questionnaire.ts';
import { decisionLabels } from '../schemas.ts';

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const formatDay = (day: string) => day.split('-').reverse().join('/');

export type DecisionRow = {
  id: string;
  orientation: Orientation;
  decidedOn: string;
  structureName: string;
  comment: string | null;
  authorFirstName: string;
  authorLastName: string;
};

function SuggestionBlock(props: {
  saved: SavedAnswers | null;
  suggestion: Suggestion | null;
  questionnairePath: string;
}) {
  if (!props.saved || !props.suggestion) {
    return (
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title fr-h5">Pas de questionnaire</h2>
        <p class="fr-callout__text">La personne n’a pas encore répondu au questionnaire d’orientation.</p>
        <a class="fr-btn fr-btn--secondary fr-btn--sm" href={props.questionnairePath}>
          Le remplir avec elle
        </a>
      </div>
    );
  }
  const { suggestion, saved } = props;
  const sides = [
    { side: 'sociale' as const, title: 'Vers un accompagnement social' },
    { side: 'professionnelle' as const, title: 'Vers l’emploi' },
  ];
  return (
    <div class="fr-callout fr-mb-4w">
      <h2 class="fr-callout__title fr-h5">
        Orientation proposée : {orientationLabels[suggestion.orientation]}
      </h2>
      <p class="fr-callout__text fr-text--sm">
        D’après le questionnaire rempli le {dayFormat.format(saved.submittedAt)}{' '}
        {saved.filledBy === 'usager' ? 'par la personne' : 'avec un agent'}. C’est une proposition : vous
        décidez.
      </p>
      {suggestion.reasons.length === 0 ? (
        <p class="fr-text--sm">{NO_SIGNAL_REASON}</p>
      ) : (
        sides.map(({ side, title }) => {
          const reasons = suggestion.reasons.filter((r) => r.side === side);
          return reasons.length ? (
            <>
              <p class="fr-text--sm fr-text--bold fr-mb-1v">{title}</p>
              <ul class="fr-text--sm">
                {reasons.map((r) => (
                  <li>{r.text}</li>
                ))}
              </ul>
            </>
          ) : null;
        })
      )}
    </div>
  );
}

function AnswersTable({ saved }: { saved: SavedAnswers | null }) {
  if (!saved) return null;
  const lines = describeAnswers(saved.answers);
  return (
    <section class="fr-mb-4w">
      <h2 class="fr-h5">Réponses au questionnaire</h2>
      {lines.length === 0 ? (
        <p>Aucune question n’a reçu de réponse.</p>
      ) : (
        <Table caption="Réponses au questionnaire" captionHidden headers={['Question', 'Réponse']}>
          {lines.map((line) => (
            <tr>
              <td>{line.question}</td>
              <td>{line.answer}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function EarlierDecisions({ decisions }: { decisions: DecisionRow[] }) {
  if (decisions.length === 0) return null;
  return (
    <section class="fr-mb-4w">
      <h2 class="fr-h5">Décisions enregistrées</h2>
      <Table
        caption="Décisions d’orientation"
        captionHidden
        headers={['Date', 'Orientation', 'Structure', 'Par', 'Commentaire']}
      >
        {decisions.map((d) => (
          <tr>
            <td>{formatDay(d.decidedOn)}</td>
            <td>{orientationLabels[d.orientation]}</td>
            <td>{d.structureName}</td>
            <td>{`${d.authorFirstName} ${d.authorLastName}`.trim()}</td>
            <td>{d.comment ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** A text input with suggestions (a datalist: browsers without it show a plain text field). */
function StructureField(props: { form: FormState; structures: string[] }) {
  const id = fieldId('structure');
  const error = props.form.errors.structure;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        Structure qui accompagnera la personne (obligatoire)
        <span class="fr-hint-text" id={`${id}-aide`}>
          Par exemple : {props.structures.slice(0, 3).join(', ')}.
        </span>
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name="structure"
        type="text"
        list={`${id}-choix`}
        value={props.form.values.structure ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[`${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ')}
      />
      <datalist id={`${id}-choix`}>
        {props.structures.map((s) => (
          <option value={s} />
        ))}
      </datalist>
      {error && (
        <p class="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function DecisionPage(props: {
  beneficiary: { id: string; firstName: string; lastName: string };
  saved: SavedAnswers | null;
  suggestion: Suggestion | null;
  decisions: DecisionRow[];
  structures: string[];
  form: FormState;
  csrfToken: string;
}) {
  const { beneficiary } = props;
  const name = `${beneficiary.firstName} ${beneficiary.lastName}`;
  const personPath = `/rsa/beneficiaires/${beneficiary.id}`;
  const suggested = props.suggestion?.orientation;
  return (
    <>
      <Breadcrumb
        items={[{ label: 'RSA', href: '/rsa' }, { label: name, href: personPath }, { label: 'Orientation' }]}
      />
      <h1>Orientation</h1>
      <p class="fr-text--lead">{name}</p>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-lg-6">
          <SuggestionBlock
            saved={props.saved}
            suggestion={props.suggestion}
            questionnairePath={`${personPath}/questionnaire`}
          />
          <AnswersTable saved={props.saved} />
        </div>
        <div class="fr-col-12 fr-col-lg-6">
          <h2 class="fr-h5">Enregistrer la décision</h2>
          <FormErrors form={props.form} labels={decisionLabels} />
          <PostForm action={`${personPath}/orientation`} csrfToken={props.csrfToken}>
            <Choices
              form={props.form}
              name="orientation"
              label="Orientation"
              required
              kind="radio"
              options={orientations.map((o) => ({
                value: o,
                label: o === suggested ? `${orientationLabels[o]} (proposée)` : orientationLabels[o],
                hint: orientationHints[o],
              }))}
            />
            <Field form={props.form} name="date" label="Date de la décision" type="date" required />
            <StructureField form={props.form} structures={props.structures} />
            <Textarea form={props.form} name="commentaire" label="Commentaire" hint="Facultatif." />
            <SubmitButton>Enregistrer l’orientation</SubmitButton>
          </PostForm>
        </div>
      </div>
      <EarlierDecisions decisions={props.decisions} />
    </>
  );
}
