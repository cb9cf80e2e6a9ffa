import { ErrorSummary, type FormState, PostForm } from '../../web/components.tsx';
import { MessagePage } from '../../web/pages.tsx';
import type { Form } from '../forms.service.ts';
import { FormQuestions, questionLabels } from './fields.tsx';

/**
 * The public pages of a form (/questionnaire/:token): answering on a phone without an account, the
 * thanks, and the plain message when the form is not (or no longer) open.
 */

export const SUBMISSION_KEY_FIELD = '_cle';

/** Paragraphs of a text typed by an agent (blank lines separate them). */
export function Paragraphs({ text, class: className }: { text: string; class?: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p) => (
        <p class={`tp-pre${className ? ` ${className}` : ''}`}>{p}</p>
      ))}
    </>
  );
}

export function AnswerPage(props: {
  form: Form;
  state: FormState;
  submissionKey: string;
  csrfToken: string;
}) {
  const { form } = props;
  const hasRequired = form.questions.some((q) => q.required);
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>{form.title}</h1>
        {form.intro && <Paragraphs text={form.intro} class="fr-text--lead" />}
        <p class="fr-text--sm">
          Vos réponses sont anonymes : ni votre nom ni votre adresse ne sont demandés ou enregistrés.
          {hasRequired ? ' Les questions marquées « obligatoire » doivent être remplies.' : ''}
        </p>
        <ErrorSummary form={props.state} labels={questionLabels(form.questions)} />
        <PostForm action={`/questionnaire/${form.publicToken}`} csrfToken={props.csrfToken}>
          <input type="hidden" name={SUBMISSION_KEY_FIELD} value={props.submissionKey} />
          <FormQuestions questions={form.questions} form={props.state} />
          <ul class="fr-btns-group fr-mt-4w">
            <li>
              <button type="submit" class="fr-btn">
                Envoyer mes réponses
              </button>
            </li>
          </ul>
        </PostForm>
      </div>
    </div>
  );
}

export function ThanksPage({ form }: { form: Pick<Form, 'title' | 'thanks'> }) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>Merci, vos réponses sont enregistrées</h1>
        <p class="fr-text--lead">{form.title}</p>
        {form.thanks ? (
          <Paragraphs text={form.thanks} />
        ) : (
          <p>Elles aideront l’équipe à mieux comprendre la situation. Vous pouvez fermer cette page.</p>
        )}
      </div>
    </div>
  );
}

/** A draft (not yet open) or a closed form: a plain message, never the questions. */
export function FormUnavailable({ status, title }: { status: 'brouillon' | 'clos'; title: string }) {
  return status === 'clos' ? (
    <MessagePage title="Ce questionnaire est clos">
      <p class="fr-text--lead">« {title} » ne reçoit plus de réponses.</p>
      <p>Merci de votre intérêt. Si quelqu’un vous a demandé d’y répondre, vous pouvez le lui signaler.</p>
    </MessagePage>
  ) : (
    <MessagePage title="Ce questionnaire n’est pas encore ouvert">
      <p class="fr-text--lead">« {title} » sera bientôt disponible.</p>
      <p>Réessayez plus tard avec le même lien.</p>
    </MessagePage>
  );
}
