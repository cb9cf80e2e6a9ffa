import { formatNumber } from '../answers.ts';
import type { FormQuestion } from '../definition.ts';
import type { Form } from '../forms.service.ts';
import { conditionSentence } from './fields.tsx';
import { Paragraphs } from './public.tsx';

/**
 * The form to print for people who answer on paper: a box for the number the team writes on each
 * copy (typed in again at entry, so a copy is never counted twice), boxes to tick, lines to write on,
 * and the « Répondez si … » sentences in place of the hiding the screen does.
 */
export function PaperQuestionnaire({ form }: { form: Pick<Form, 'title' | 'intro' | 'questions'> }) {
  return (
    <article>
      <h1>{form.title}</h1>
      <p>N° du questionnaire (rempli par l’équipe) : ______________</p>
      {form.intro && <Paragraphs text={form.intro} />}
      <p class="fr-text--sm">
        Vos réponses sont anonymes. Cochez une case (☐) par réponse, sauf mention « plusieurs réponses
        possibles ».
      </p>
      <ol class="fr-raw-list">
        {form.questions.map((question, index) => (
          <li class="fr-mb-4w">
            <PaperQuestion question={question} number={index + 1} questions={form.questions} />
          </li>
        ))}
      </ol>
      <p>Merci de votre participation.</p>
    </article>
  );
}

function PaperQuestion(props: { question: FormQuestion; number: number; questions: FormQuestion[] }) {
  const { question } = props;
  const condition = conditionSentence(question, props.questions);
  return (
    <>
      <h2 class="fr-h6 fr-mb-1w">
        {props.number}. {question.label}
        {question.required ? ' (obligatoire)' : ''}
      </h2>
      {condition && <p class="fr-text--sm fr-mb-1w">{condition}</p>}
      {question.hint && <p class="fr-text--sm fr-mb-1w">{question.hint}</p>}
      <PaperAnswer question={question} />
    </>
  );
}

function PaperAnswer({ question }: { question: FormQuestion }) {
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return (
        <>
          {question.type === 'multiple_choice' && (
            <p class="fr-text--sm fr-mb-1w">Plusieurs réponses possibles.</p>
          )}
          <ul class="fr-raw-list">
            {question.options.map((o) => (
              <li>☐ {o.label}</li>
            ))}
          </ul>
        </>
      );
    case 'scale':
      return (
        <p>
          {question.minLabel ? `${question.minLabel} ` : ''}
          {Array.from({ length: question.max - question.min + 1 }, (_, i) => `☐ ${question.min + i}`).join(
            '   ',
          )}
          {question.maxLabel ? ` ${question.maxLabel}` : ''}
        </p>
      );
    case 'text':
      return (
        <p class="tp-pre">
          {(question.multiline ? [1, 2, 3, 4] : [1]).map(() => '……………………………………………………………').join('\n')}
        </p>
      );
    case 'number':
      return (
        <p>
          Nombre{question.integer ? ' entier' : ''}
          {question.min !== undefined ? `, au moins ${formatNumber(question.min)}` : ''}
          {question.max !== undefined ? `, au plus ${formatNumber(question.max)}` : ''} : ______________
        </p>
      );
  }
}
