import { Breadcrumb, type FormState, PostForm, SubmitButton } from '../../../../platform/web/components.tsx';
import { Choices, FormErrors } from '../../../../platform/web/fields.tsx';
import { MessagePage } from '../../../../platform/web/pages.tsx';
import { DECLINED, DECLINED_LABEL, QUESTIONS, questionLabels } from '../questionnaire.ts';

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** The questions, one fieldset each, every one optional and declinable. Works without JavaScript. */
function QuestionnaireFields({ form }: { form: FormState }) {
  return (
    <>
      {QUESTIONS.map((question) => (
        <Choices
          form={form}
          name={question.key}
          label={question.label}
          hint={question.hint}
          kind={question.kind === 'one' ? 'radio' : 'checkbox'}
          options={[
            ...question.options.map((o) => ({ value: o.value, label: o.label })),
            { value: DECLINED, label: DECLINED_LABEL },
          ]}
        />
      ))}
    </>
  );
}

/** The person's page, reached from their invitation link. */
export function PublicQuestionnairePage(props: {
  token: string;
  organisationName: string;
  answeredOn: Date | null;
  form: FormState;
  csrfToken: string;
}) {
  const base = `/rsa/i/${props.token}`;
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>Quelques questions avant votre rendez-vous</h1>
        <p class="fr-text--lead">
          Vos réponses aident votre référent ({props.organisationName}) à préparer votre premier rendez-vous.
        </p>
        <p>
          Toutes les questions sont facultatives. Vous pouvez choisir « {DECLINED_LABEL} ». Seules les
          personnes qui vous accompagnent verront vos réponses.
        </p>
        {props.answeredOn && (
          <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
            <p>
              Vous avez déjà répondu le {dayFormat.format(props.answeredOn)}. Si vous répondez à nouveau, vos
              nouvelles réponses remplaceront les précédentes.
            </p>
          </div>
        )}
        <FormErrors form={props.form} labels={questionLabels} />
        <PostForm action={`${base}/questionnaire`} csrfToken={props.csrfToken}>
          <QuestionnaireFields form={props.form} />
          <SubmitButton>Envoyer mes réponses</SubmitButton>
        </PostForm>
        <p class="fr-mt-4w">
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={base}>
            Revenir à mon invitation
          </a>
        </p>
      </div>
    </div>
  );
}

export function ThanksPage({ token }: { token: string }) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>Merci, vos réponses sont enregistrées</h1>
        <p class="fr-text--lead">Votre référent les lira avant votre rendez-vous.</p>
        <p>Si vous n’avez pas encore choisi la date de votre rendez-vous, vous pouvez le faire maintenant.</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn" href={`/rsa/i/${token}`}>
              Revenir à mon invitation
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}

/** Why the link does not open the questionnaire, and what to do; never which part was wrong. */
export function QuestionnaireLinkProblem({ problem }: { problem: 'invalid' | 'expired' | 'closed' }) {
  if (problem === 'invalid') {
    return (
      <MessagePage title="Ce lien ne fonctionne pas">
        <p class="fr-text--lead">Le lien est incomplet ou a été modifié.</p>
        <p>
          Copiez-le en entier depuis le message reçu (SMS, courriel ou courrier), ou contactez le service qui
          vous a invité.
        </p>
      </MessagePage>
    );
  }
  return (
    <MessagePage title="Cette invitation n’est plus valable">
      <p class="fr-text--lead">
        {problem === 'expired'
          ? 'Le lien de votre invitation a expiré.'
          : 'Cette invitation a été remplacée ou votre dossier a été fermé.'}
      </p>
      <p>
        Si vous avez reçu un message plus récent, utilisez son lien. Sinon, contactez le service qui vous a
        invité : il vous en enverra un nouveau.
      </p>
    </MessagePage>
  );
}

/** An agent fills the questionnaire with the person. */
export function AgentQuestionnairePage(props: {
  beneficiary: { id: string; firstName: string; lastName: string };
  saved: { submittedAt: Date; filledBy: string } | null;
  form: FormState;
  csrfToken: string;
}) {
  const { beneficiary } = props;
  const name = `${beneficiary.firstName} ${beneficiary.lastName}`;
  const personPath = `/rsa/beneficiaires/${beneficiary.id}`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'RSA', href: '/rsa' },
          { label: name, href: personPath },
          { label: 'Questionnaire' },
        ]}
      />
      <h1>Questionnaire d’orientation</h1>
      <p class="fr-text--lead">{name}</p>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <p>
            {props.saved
              ? `Réponses enregistrées le ${dayFormat.format(props.saved.submittedAt)}, ${
                  props.saved.filledBy === 'usager' ? 'par la personne' : 'par un agent'
                }. Les modifier remplace les précédentes.`
              : 'La personne n’a pas encore répondu. Remplissez-le avec elle ; chaque question est facultative.'}
          </p>
          <FormErrors form={props.form} labels={questionLabels} />
          <PostForm action={`${personPath}/questionnaire`} csrfToken={props.csrfToken}>
            <QuestionnaireFields form={props.form} />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <SubmitButton>Enregistrer les réponses</SubmitButton>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={`${personPath}/orientation`}>
                  Voir l’orientation proposée
                </a>
              </li>
            </ul>
          </PostForm>
        </div>
      </div>
    </>
  );
}
