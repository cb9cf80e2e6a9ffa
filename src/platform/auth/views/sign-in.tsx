import type { ComponentChildren } from 'preact';
import { ErrorSummary, type FormState, Input, PostForm, SubmitButton } from '../../web/components.tsx';

/** Pages of the agent sign-in: the form, "link sent", the link's confirmation, and dead ends. */

export const signInLabels = { email: 'Adresse électronique professionnelle' };

function Narrow({ children }: { children: ComponentChildren }) {
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">{children}</div>
    </div>
  );
}

function withSuite(path: string, suite: string | undefined): string {
  return suite ? `${path}?suite=${encodeURIComponent(suite)}` : path;
}

export function SignInPage(props: {
  form: FormState;
  csrfToken: string;
  suite: string | undefined;
  oidcLabel: string | undefined;
}) {
  return (
    <Narrow>
      <h1>Connexion à l’espace agent</h1>
      <ErrorSummary form={props.form} labels={signInLabels} />
      {props.oidcLabel && (
        <>
          <h2>Avec {props.oidcLabel}</h2>
          <div class="fr-connect-group">
            <a class="fr-connect fr-connect--pro" href={withSuite('/connexion/proconnect', props.suite)}>
              <span class="fr-connect__login">Se connecter avec</span>{' '}
              <span class="fr-connect__brand">{props.oidcLabel}</span>
            </a>
            <p>
              <a
                href="https://www.proconnect.gouv.fr/"
                target="_blank"
                rel="noopener"
                title="Qu’est-ce que ProConnect ? – nouvelle fenêtre"
              >
                Qu’est-ce que ProConnect ?
              </a>
            </p>
          </div>
          <p class="fr-hr-or">ou</p>
        </>
      )}
      <h2>Avec un lien reçu par courriel</h2>
      <p>
        Saisissez votre adresse professionnelle : nous vous envoyons un lien qui vous connecte en un clic,
        sans mot de passe.
      </p>
      <PostForm action="/connexion" csrfToken={props.csrfToken}>
        {props.suite && <input type="hidden" name="suite" value={props.suite} />}
        <Input
          form={props.form}
          name="email"
          label={signInLabels.email}
          hint="Format attendu : prenom.nom@collectivite.fr"
          type="email"
          autocomplete="email"
          inputMode="email"
          spellcheck={false}
          required
        />
        <SubmitButton>Recevoir un lien de connexion</SubmitButton>
      </PostForm>
      <p class="fr-mt-4w">
        Vous n’avez pas encore de compte ? Demandez à l’administrateur de votre organisation de vous inviter.
      </p>
    </Narrow>
  );
}

export function LinkSentPage(props: { validityMinutes: number; outboxNotice: boolean }) {
  return (
    <Narrow>
      <h1>Consultez votre messagerie</h1>
      {props.outboxNotice && (
        <div class="fr-alert fr-alert--info fr-mb-4w">
          <h2 class="fr-alert__title">Mode développement</h2>
          <p>
            Aucun courriel ne part de cette instance : ils sont conservés dans la{' '}
            <a href="/outils/messages">boîte des messages de développement</a>.
          </p>
        </div>
      )}
      <p class="fr-text--lead">
        Si cette adresse correspond à un compte agent, un lien de connexion vient d’y être envoyé.
      </p>
      <p>
        Ce lien est valable {props.validityMinutes} minutes et ne sert qu’une fois. Pensez à regarder dans les
        courriers indésirables.
      </p>
      <p>
        Rien reçu au bout de quelques minutes ? Vérifiez l’adresse saisie et{' '}
        <a href="/connexion">demandez un nouveau lien</a>. Si vous n’avez pas encore de compte, demandez à
        l’administrateur de votre organisation de vous inviter.
      </p>
    </Narrow>
  );
}

export function ConfirmLinkPage(props: {
  csrfToken: string;
  token: string;
  suite: string | undefined;
  email: string;
  purpose: 'sign_in' | 'invitation';
}) {
  return (
    <Narrow>
      <h1>{props.purpose === 'invitation' ? 'Bienvenue sur Tremplin' : 'Confirmer la connexion'}</h1>
      {props.purpose === 'invitation' && (
        <p class="fr-text--lead">Votre compte agent est prêt : il ne reste qu’à vous connecter.</p>
      )}
      <p>
        Vous allez vous connecter à Tremplin avec l’adresse <strong>{props.email}</strong>.
      </p>
      <PostForm action="/connexion/lien" csrfToken={props.csrfToken}>
        <input type="hidden" name="jeton" value={props.token} />
        {props.suite && <input type="hidden" name="suite" value={props.suite} />}
        <SubmitButton>Me connecter</SubmitButton>
      </PostForm>
      <p class="fr-mt-4w fr-text--sm">
        Ce lien ne sert qu’une fois. Si ce n’est pas vous qui avez demandé à vous connecter, fermez simplement
        cette page.
      </p>
    </Narrow>
  );
}

export function InvalidLinkPage(props: { suite: string | undefined }) {
  return (
    <Narrow>
      <h1>Ce lien n’est plus valable</h1>
      <p class="fr-text--lead">
        Un lien de connexion ne sert qu’une fois et expire après quelques minutes ; il a peut-être déjà été
        utilisé, ou votre compte a été désactivé.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={withSuite('/connexion', props.suite)}>
            Recevoir un nouveau lien
          </a>
        </li>
      </ul>
    </Narrow>
  );
}

/** The identity provider vouched for an address that has no active agent account here. */
export function UnknownAgentPage(props: { label: string }) {
  return (
    <Narrow>
      <h1>Aucun compte agent pour cette adresse</h1>
      <p class="fr-text--lead">
        {props.label} vous a bien identifié, mais votre adresse ne correspond à aucun compte agent actif sur
        Tremplin.
      </p>
      <p>
        Pour utiliser Tremplin, demandez à l’administrateur de votre organisation de vous envoyer une
        invitation. Si votre compte a été désactivé, c’est aussi à lui qu’il faut vous adresser.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-btn--secondary" href="/">
            Page d’accueil
          </a>
        </li>
      </ul>
    </Narrow>
  );
}

/** The identity provider round trip did not complete (cancelled, expired, or the provider failed). */
export function OidcFailedPage(props: { label: string; reason: string }) {
  return (
    <Narrow>
      <h1>La connexion avec {props.label} n’a pas abouti</h1>
      <p class="fr-text--lead">{props.reason}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/connexion">
            Revenir à la connexion
          </a>
        </li>
      </ul>
    </Narrow>
  );
}
