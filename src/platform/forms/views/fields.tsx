import type { ComponentChildren } from 'preact';
import { type FormState, fieldId } from '../../web/components.tsx';
import { fieldName, formatNumber, TEXT_LIMITS } from '../answers.ts';
import { conditionsScriptPath } from '../assets.ts';
import { conditionLabels, conditionValues, type FormQuestion } from '../definition.ts';

/**
 * A form's questions as DSFR fields: choices as radios or checkboxes in a fieldset, a scale as inline
 * radios, free text as an input or a textarea, a number as a text input with a numeric keyboard (a
 * French decimal comma is accepted, which type="number" refuses in some browsers). Questions are
 * numbered, so a condition can say which earlier answer it waits for (« Répondez si vous avez choisi
 * « Oui » à la question 2. »): that sentence is what people without JavaScript read, and with it
 * the small script of assets.ts hides the question until it applies.
 */
export function FormQuestions(props: { questions: FormQuestion[]; form: FormState }) {
  const hasConditions = props.questions.some((q) => q.showIf);
  return (
    <>
      {props.questions.map((question, index) => (
        <ConditionalBlock question={question} questions={props.questions}>
          <QuestionField
            question={question}
            number={index + 1}
            form={props.form}
            questions={props.questions}
          />
        </ConditionalBlock>
      ))}
      {hasConditions && <script type="module" src={conditionsScriptPath} />}
    </>
  );
}

/** The labels of the error summary: « Question 3 » then its label, in the form's order. */
export function questionLabels(questions: FormQuestion[]): Record<string, string> {
  return Object.fromEntries(questions.map((q, i) => [fieldName(q), `Question ${i + 1} (${q.label})`]));
}

function ConditionalBlock(props: {
  question: FormQuestion;
  questions: FormQuestion[];
  children: ComponentChildren;
}) {
  const { showIf } = props.question;
  if (!showIf) return <div class="fr-mb-2w">{props.children}</div>;
  return (
    <div
      class="fr-mb-2w"
      data-condition-question={showIf.questionId}
      data-condition-values={conditionValues(showIf).join(' ')}
    >
      {props.children}
    </div>
  );
}

/** « Répondez si vous avez choisi « Oui » ou « Parfois » à la question 2. » */
export function conditionSentence(question: FormQuestion, questions: FormQuestion[]): string | null {
  if (!question.showIf) return null;
  const number = questions.findIndex((q) => q.id === question.showIf!.questionId) + 1;
  const target = questions[number - 1];
  const labels = conditionLabels(question.showIf, questions).map((l) => `« ${l} »`);
  const what = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} ou ${labels.at(-1)}`;
  const verb = target?.type === 'scale' ? 'donné la note' : 'choisi';
  return `Répondez si vous avez ${verb} ${what} à la question ${number}.`;
}

type QuestionProps = { question: FormQuestion; number: number; form: FormState; questions: FormQuestion[] };

function hintsOf(props: QuestionProps): string[] {
  const hints: string[] = [];
  const condition = conditionSentence(props.question, props.questions);
  if (condition) hints.push(condition);
  if (props.question.hint) hints.push(props.question.hint);
  const q = props.question;
  if (q.type === 'multiple_choice') hints.push('Plusieurs réponses possibles.');
  if (q.type === 'scale' && (q.minLabel || q.maxLabel)) {
    hints.push(
      [q.minLabel && `${q.min} : ${q.minLabel}`, q.maxLabel && `${q.max} : ${q.maxLabel}`]
        .filter(Boolean)
        .join(' ; '),
    );
  }
  if (q.type === 'number') hints.push(numberHint(q));
  return hints;
}

function numberHint(q: Extract<FormQuestion, { type: 'number' }>): string {
  const kind = q.integer ? 'Un nombre entier' : 'Un nombre (virgule possible)';
  if (q.min !== undefined && q.max !== undefined)
    return `${kind}, de ${formatNumber(q.min)} à ${formatNumber(q.max)}.`;
  if (q.min !== undefined) return `${kind}, au moins ${formatNumber(q.min)}.`;
  if (q.max !== undefined) return `${kind}, au plus ${formatNumber(q.max)}.`;
  return `${kind}.`;
}

function QuestionField(props: QuestionProps) {
  const { question } = props;
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return (
        <ChoiceFieldset
          {...props}
          kind={question.type === 'single_choice' ? 'radio' : 'checkbox'}
          options={question.options.map((o) => ({ value: o.id, label: o.label }))}
        />
      );
    case 'scale':
      return (
        <ChoiceFieldset
          {...props}
          kind="radio"
          inline
          options={Array.from({ length: question.max - question.min + 1 }, (_, i) => ({
            value: String(question.min + i),
            label: String(question.min + i),
          }))}
        />
      );
    case 'text':
    case 'number':
      return <TextLikeField {...props} />;
  }
}

function questionTitle(props: QuestionProps) {
  return `${props.number}. ${props.question.label}${props.question.required ? ' (obligatoire)' : ''}`;
}

function ChoiceFieldset(
  props: QuestionProps & {
    kind: 'radio' | 'checkbox';
    options: { value: string; label: string }[];
    inline?: boolean;
  },
) {
  const name = fieldName(props.question);
  const id = fieldId(name);
  const error = props.form.errors[name];
  const chosen = (props.form.values[name] ?? '').split(',').filter(Boolean);
  const hints = hintsOf(props);
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legende${error ? ` ${id}-erreur` : ''}`}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {questionTitle(props)}
        {hints.map((hint) => (
          <span class="fr-hint-text">{hint}</span>
        ))}
      </legend>
      {props.options.map((option, index) => {
        const optionId = `${id}-${index}`;
        return (
          <div class={`fr-fieldset__element${props.inline ? ' fr-fieldset__element--inline' : ''}`}>
            <div class={props.kind === 'checkbox' ? 'fr-checkbox-group' : 'fr-radio-group'}>
              <input
                type={props.kind}
                id={optionId}
                name={name}
                value={option.value}
                checked={chosen.includes(option.value)}
              />
              <label class="fr-label" for={optionId}>
                {option.label}
              </label>
            </div>
          </div>
        );
      })}
      {error && (
        <div class="fr-messages-group" id={`${id}-erreur`} aria-live="polite">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

function TextLikeField(props: QuestionProps) {
  const { question } = props;
  const name = fieldName(question);
  const id = fieldId(name);
  const error = props.form.errors[name];
  const hints = hintsOf(props);
  const describedBy = [hints.length > 0 && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ');
  const control = {
    id,
    name,
    class: `fr-input${error ? ' fr-input--error' : ''}`,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
  const value = props.form.values[name] ?? '';
  const long = question.type === 'text' && question.multiline;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {questionTitle(props)}
        {hints.length > 0 && (
          <span class="fr-hint-text" id={`${id}-aide`}>
            {hints.join(' ')}
          </span>
        )}
      </label>
      {long ? (
        <textarea {...control} rows={5} maxLength={TEXT_LIMITS.long}>
          {value}
        </textarea>
      ) : question.type === 'number' ? (
        <input
          {...control}
          type="text"
          inputMode={question.integer && (question.min ?? 0) >= 0 ? 'numeric' : 'decimal'}
          autocomplete="off"
          value={value}
        />
      ) : (
        <input {...control} type="text" maxLength={TEXT_LIMITS.short} value={value} />
      )}
      {error && (
        <p class="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}
