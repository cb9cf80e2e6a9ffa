import { displayName } from '../../auth/actor.ts';
import {
  Breadcrumb,
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  SubmitButton,
  Table,
} from '../../web/components.tsx';
import { maskedToken } from '../api-token.service.ts';
import { tokenFormLabels } from '../schemas.ts';

type Organisation = { slug: string; name: string; territoryName: string | null };

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  creatorEmail: string | null;
  creatorFirstName: string | null;
  creatorLastName: string | null;
};

export const tokensPath = (slug: string) => `/admin/organisations/${encodeURIComponent(slug)}/jetons`;

function Crumbs({ organisation, current }: { organisation: Organisation; current?: string }) {
  const items = [
    { label: 'Tableau de bord', href: '/tableau-de-bord' },
    { label: organisation.name, href: `/admin/organisations/${encodeURIComponent(organisation.slug)}` },
    current ? { label: 'Jetons d’API', href: tokensPath(organisation.slug) } : { label: 'Jetons d’API' },
  ];
  return <Breadcrumb items={current ? [...items, { label: current }] : items} />;
}

function creatorOf(row: TokenRow): string {
  if (!row.creatorEmail) return 'la ligne de commande';
  const name = displayName({ firstName: row.creatorFirstName ?? '', lastName: row.creatorLastName ?? '' });
  return name || row.creatorEmail;
}

export function TokensPage(props: {
  organisation: Organisation;
  tokens: TokenRow[];
  form: FormState;
  csrfToken: string;
}) {
  const { organisation, tokens } = props;
  const action = tokensPath(organisation.slug);
  return (
    <>
      <Crumbs organisation={organisation} />
      <h1>Jetons d’API de {organisation.name}</h1>
      <p class="fr-text--lead">
        Un jeton permet à un logiciel de votre organisation de lire ses données par l’
        <a href="/api/docs">API Tremplin</a> : il l’envoie dans l’en-tête <code>Authorization</code> de chaque
        requête. Chaque lecture de données personnelles par un jeton est inscrite au journal d’audit.
      </p>

      <ErrorSummary form={props.form} labels={tokenFormLabels} />
      <h2>Créer un jeton</h2>
      <PostForm action={action} csrfToken={props.csrfToken} class="fr-mb-6w">
        <Input
          form={props.form}
          name="name"
          label={tokenFormLabels.name}
          hint="Pour savoir plus tard quel logiciel l’utilise, par exemple « Logiciel de suivi RSA »."
          required
          autocomplete="off"
        />
        <SubmitButton>Créer le jeton</SubmitButton>
      </PostForm>

      <h2>Jetons existants</h2>
      {tokens.length === 0 ? (
        <p>Cette organisation n’a encore aucun jeton.</p>
      ) : (
        <Table
          caption={`Jetons d’API de ${organisation.name}`}
          captionHidden
          headers={['Nom', 'Préfixe', 'Création', 'Dernière utilisation', 'État', 'Action']}
        >
          {tokens.map((token) => (
            <tr>
              <td>{token.name}</td>
              <td>
                <code>{maskedToken(token.prefix)}</code>
              </td>
              <td>
                {formatDateTime(token.createdAt)}
                <br />
                <span class="fr-text--xs" title={token.creatorEmail ?? undefined}>
                  par {creatorOf(token)}
                </span>
              </td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Jamais'}</td>
              <td>
                {token.revokedAt ? (
                  <p class="fr-badge fr-badge--sm fr-badge--error">
                    Révoqué le {formatDateTime(token.revokedAt)}
                  </p>
                ) : (
                  <p class="fr-badge fr-badge--sm fr-badge--success">Actif</p>
                )}
              </td>
              <td>
                {!token.revokedAt && (
                  <PostForm
                    action={`${action}/${token.id}/revoquer`}
                    csrfToken={props.csrfToken}
                    class="tp-inline-form"
                  >
                    <button
                      type="submit"
                      class="fr-btn fr-btn--sm fr-btn--secondary"
                      title={`Révoquer le jeton « ${token.name} »`}
                    >
                      Révoquer
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p class="fr-text--sm">
        La révocation est immédiate et définitive : les logiciels qui utilisent ce jeton reçoivent aussitôt
        une erreur 401.
      </p>
    </>
  );
}

export function TokenCreatedPage(props: { organisation: Organisation; name: string; token: string }) {
  return (
    <>
      <Crumbs organisation={props.organisation} current="Nouveau jeton" />
      <h1>Jeton « {props.name} » créé</h1>
      <div class="fr-alert fr-alert--warning fr-mb-4w">
        <h2 class="fr-alert__title">Copiez ce jeton maintenant : il ne sera plus affiché.</h2>
        <p>
          Tremplin n’en garde qu’une empreinte et ne pourra pas vous le redonner. S’il est perdu ou divulgué,
          révoquez-le et créez-en un autre.
        </p>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="jeton-cree">
          Jeton
          <span class="fr-hint-text" id="jeton-cree-aide">
            Sélectionnez-le entièrement, copiez-le (Ctrl+C, ou Cmd+C sur Mac) et conservez-le dans un
            gestionnaire de secrets.
          </span>
        </label>
        <input
          class="fr-input"
          id="jeton-cree"
          type="text"
          readOnly
          value={props.token}
          spellcheck={false}
          autocomplete="off"
          aria-describedby="jeton-cree-aide"
        />
      </div>
      <p>
        Le logiciel l’envoie dans chaque requête : <code>{'Authorization: Bearer <jeton>'}</code>. Voir la{' '}
        <a href="/api/docs">documentation de l’API</a>.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={tokensPath(props.organisation.slug)}>
            J’ai copié le jeton : retour à la liste
          </a>
        </li>
      </ul>
    </>
  );
}
