import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../web/components.tsx';
import { type Actor, displayName, type Membership, roleLabels } from '../actor.ts';

export type SessionRow = {
  id: string;
  method: 'email' | 'oidc';
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

const methodLabels = { email: 'Lien par courriel', oidc: 'ProConnect' } as const;

/** "Firefox sous Windows": enough for an agent to recognise their own devices. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Navigateur inconnu';
  const browser =
    [
      ['Edg/', 'Edge'],
      ['Firefox/', 'Firefox'],
      ['Chrome/', 'Chrome'],
      ['Safari/', 'Safari'],
    ].find(([marker]) => userAgent.includes(marker!))?.[1] ?? 'Navigateur';
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['Linux', 'Linux'],
  ].find(([marker]) => userAgent.includes(marker!))?.[1];
  return system ? `${browser} sous ${system}` : browser;
}

export function MembershipsTable(props: { memberships: Membership[]; current: Membership | null }) {
  if (props.memberships.length === 0) {
    return (
      <p>
        Vous n’êtes encore membre d’aucune organisation. Demandez à l’administrateur de votre organisation de
        vous y ajouter.
      </p>
    );
  }
  return (
    <Table caption="Mes organisations" captionHidden headers={['Organisation', 'Territoire', 'Rôle']}>
      {props.memberships.map((m) => (
        <tr>
          <td>
            {m.organisationName}
            {m.organisationId === props.current?.organisationId && (
              <>
                {' '}
                <span class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">actuelle</span>
              </>
            )}
          </td>
          <td>{m.territoryName ?? 'Toutes (organisation nationale)'}</td>
          <td>{roleLabels[m.role]}</td>
        </tr>
      ))}
    </Table>
  );
}

export function AccountPage(props: {
  actor: Actor;
  currentOrganisation: Membership | null;
  sessions: SessionRow[];
  csrfToken: string;
}) {
  const others = props.sessions.filter((s) => !s.current);
  return (
    <>
      <h1>Mon compte</h1>
      <h2>Identité</h2>
      <dl>
        <dt class="fr-text--bold">Nom</dt>
        <dd class="fr-mb-2w">{displayName(props.actor)}</dd>
        <dt class="fr-text--bold">Adresse électronique</dt>
        <dd class="fr-mb-2w">{props.actor.email}</dd>
        {props.actor.isOperator && (
          <>
            <dt class="fr-text--bold">Rôle sur la plateforme</dt>
            <dd class="fr-mb-2w">Opérateur (administration de tous les territoires)</dd>
          </>
        )}
      </dl>
      <p class="fr-text--sm">
        Pour corriger votre nom ou votre adresse, adressez-vous à l’administrateur de votre organisation.
      </p>

      <h2>Organisations</h2>
      <MembershipsTable memberships={props.actor.memberships} current={props.currentOrganisation} />
      {props.actor.memberships.length > 1 && (
        <p>
          <a class="fr-link fr-icon-building-line fr-link--icon-left" href="/compte/organisation">
            Changer d’organisation actuelle
          </a>
        </p>
      )}

      <h2>Sessions ouvertes</h2>
      <p>
        Chaque appareil ou navigateur où vous vous êtes connecté garde une session. Fermez celles que vous ne
        reconnaissez pas.
      </p>
      <Table
        caption="Mes sessions ouvertes"
        captionHidden
        headers={['Appareil', 'Connexion', 'Ouverte le', 'Dernière activité', 'Action']}
      >
        {props.sessions.map((s) => (
          <tr>
            <td>
              {describeUserAgent(s.userAgent)}
              {s.ip && <span class="fr-hint-text">Adresse IP {s.ip}</span>}
            </td>
            <td>{methodLabels[s.method]}</td>
            <td>{formatDateTime(s.createdAt)}</td>
            <td>{formatDateTime(s.lastSeenAt)}</td>
            <td>
              {s.current ? (
                <span class="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Cette session</span>
              ) : (
                <PostForm action={`/compte/sessions/${s.id}/revoquer`} csrfToken={props.csrfToken}>
                  <button
                    type="submit"
                    class="fr-btn fr-btn--sm fr-btn--tertiary"
                    title={`Révoquer la session ${describeUserAgent(s.userAgent)} ouverte le ${formatDateTime(s.createdAt)}`}
                  >
                    Révoquer
                  </button>
                </PostForm>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {others.length > 0 && (
        <PostForm action="/compte/sessions/revoquer-autres" csrfToken={props.csrfToken}>
          <SubmitButton secondary>Déconnecter mes autres sessions</SubmitButton>
        </PostForm>
      )}
    </>
  );
}

export const chooseOrganisationLabels = { organisationId: 'Organisation' };

export function ChooseOrganisationPage(props: {
  form: FormState;
  memberships: Membership[];
  csrfToken: string;
}) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>Choisir mon organisation actuelle</h1>
        <ErrorSummary form={props.form} labels={chooseOrganisationLabels} />
        <p>
          Les listes et les tableaux de bord montrent les données de l’organisation dans laquelle vous
          travaillez en ce moment.
        </p>
        {props.memberships.length === 0 ? (
          <p>Vous n’êtes encore membre d’aucune organisation.</p>
        ) : (
          <PostForm action="/compte/organisation" csrfToken={props.csrfToken}>
            <Select
              form={props.form}
              name="organisationId"
              label={chooseOrganisationLabels.organisationId}
              required
              options={props.memberships.map((m) => ({
                value: m.organisationId,
                label: m.territoryName ? `${m.organisationName} (${m.territoryName})` : m.organisationName,
              }))}
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <SubmitButton>Travailler dans cette organisation</SubmitButton>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href="/compte">
                  Annuler
                </a>
              </li>
            </ul>
          </PostForm>
        )}
      </div>
    </div>
  );
}
