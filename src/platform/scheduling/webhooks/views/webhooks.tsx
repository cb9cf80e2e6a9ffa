import {
  Breadcrumb,
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  SubmitButton,
  Table,
} from '../../../web/components.tsx';

export type WebhookOrganisation = { id: string; slug: string; name: string };

export type EndpointRow = { id: string; url: string; active: boolean; createdAt: Date };

export type DeliveryRow = {
  id: string;
  url: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

export const webhooksPath = (slug: string) =>
  `/rendez-vous/webhooks?organisation=${encodeURIComponent(slug)}`;

export const webhookFormLabels = { url: 'Adresse web (URL) appelée' };

const eventLabels: Record<string, string> = {
  'appointment.created': 'Rendez-vous pris',
  'appointment.updated': 'Rendez-vous déplacé',
  'appointment.cancelled': 'Rendez-vous annulé',
  'appointment.status_changed': 'Statut changé',
};

function Crumbs({ organisation, current }: { organisation: WebhookOrganisation; current?: string }) {
  const items = [
    { label: 'Rendez-vous', href: '/rendez-vous' },
    current ? { label: 'Webhooks', href: webhooksPath(organisation.slug) } : { label: 'Webhooks' },
  ];
  return <Breadcrumb items={current ? [...items, { label: current }] : items} />;
}

function DeliveryStatus({ delivery }: { delivery: DeliveryRow }) {
  if (delivery.status === 'delivered') {
    return <p class="fr-badge fr-badge--sm fr-badge--success">Livré</p>;
  }
  if (delivery.status === 'failed') return <p class="fr-badge fr-badge--sm fr-badge--error">En échec</p>;
  return (
    <p class="fr-badge fr-badge--sm fr-badge--info">
      {delivery.attempts === 0
        ? 'En attente'
        : `Nouvel essai prévu (${delivery.attempts} essai${delivery.attempts > 1 ? 's' : ''})`}
    </p>
  );
}

export function WebhooksPage(props: {
  organisation: WebhookOrganisation;
  endpoints: EndpointRow[];
  deliveries: DeliveryRow[];
  form: FormState;
  csrfToken: string;
  production: boolean;
}) {
  const { organisation, endpoints, deliveries } = props;
  return (
    <>
      <Crumbs organisation={organisation} />
      <h1>Webhooks de {organisation.name}</h1>
      <p class="fr-text--lead">
        Tremplin appelle ces adresses à chaque rendez-vous pris, déplacé, annulé ou changé de statut dans
        votre organisation, pour que vos logiciels soient tenus à jour sans interroger l’
        <a href="/api/docs">API</a>.
      </p>
      <p>
        Chaque appel est une requête <code>POST</code> en JSON signée : l’en-tête{' '}
        <code>X-Tremplin-Signature</code> vaut <code>sha256=</code> suivi du HMAC-SHA256, en hexadécimal, de{' '}
        <code>horodatage.corps</code> calculé avec le secret de l’adresse (l’horodatage est dans{' '}
        <code>X-Tremplin-Timestamp</code>). Une réponse 2xx vaut réception ; sinon l’appel est refait
        plusieurs fois pendant environ deux heures.
      </p>

      <ErrorSummary form={props.form} labels={webhookFormLabels} />
      <h2>Ajouter une adresse</h2>
      <PostForm action="/rendez-vous/webhooks" csrfToken={props.csrfToken} class="fr-mb-6w">
        <input type="hidden" name="organisation" value={organisation.slug} />
        <Input
          form={props.form}
          name="url"
          label={webhookFormLabels.url}
          hint={
            props.production
              ? 'Une adresse en https://, par exemple https://logiciel.exemple.fr/tremplin/webhooks.'
              : 'Une adresse en https:// (http:// est accepté hors production, pour les essais).'
          }
          required
          autocomplete="off"
        />
        <SubmitButton>Ajouter l’adresse</SubmitButton>
      </PostForm>

      <h2>Adresses</h2>
      {endpoints.length === 0 ? (
        <p>Aucune adresse n’est enregistrée.</p>
      ) : (
        <Table
          caption={`Adresses appelées pour ${organisation.name}`}
          captionHidden
          headers={['Adresse', 'Ajoutée le', 'État', 'Action']}
        >
          {endpoints.map((endpoint) => (
            <tr>
              <td>
                <code>{endpoint.url}</code>
              </td>
              <td>{formatDateTime(endpoint.createdAt)}</td>
              <td>
                {endpoint.active ? (
                  <p class="fr-badge fr-badge--sm fr-badge--success">Active</p>
                ) : (
                  <p class="fr-badge fr-badge--sm">Désactivée</p>
                )}
              </td>
              <td>
                {endpoint.active && (
                  <PostForm
                    action={`/rendez-vous/webhooks/${endpoint.id}/desactiver`}
                    csrfToken={props.csrfToken}
                    class="tp-inline-form"
                  >
                    <input type="hidden" name="organisation" value={organisation.slug} />
                    <button
                      type="submit"
                      class="fr-btn fr-btn--sm fr-btn--secondary"
                      title={`Désactiver l’adresse ${endpoint.url}`}
                    >
                      Désactiver
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Derniers appels</h2>
      {deliveries.length === 0 ? (
        <p>Aucun appel pour l’instant.</p>
      ) : (
        <Table
          caption="Derniers appels (50 au plus)"
          captionHidden
          headers={['Date', 'Événement', 'Adresse', 'État', 'Dernière réponse']}
        >
          {deliveries.map((delivery) => (
            <tr>
              <td>{formatDateTime(delivery.createdAt)}</td>
              <td>{eventLabels[delivery.event] ?? delivery.event}</td>
              <td>
                <code>{delivery.url}</code>
              </td>
              <td>
                <DeliveryStatus delivery={delivery} />
              </td>
              <td>
                {delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : ''}
                {delivery.lastError ? ` ${delivery.lastError}` : ''}
                {delivery.deliveredAt ? ` (reçu le ${formatDateTime(delivery.deliveredAt)})` : ''}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export function WebhookCreatedPage(props: {
  organisation: WebhookOrganisation;
  url: string;
  secret: string;
}) {
  return (
    <>
      <Crumbs organisation={props.organisation} current="Nouvelle adresse" />
      <h1>Adresse ajoutée</h1>
      <p>
        Tremplin appellera <code>{props.url}</code> à chaque événement de rendez-vous de{' '}
        {props.organisation.name}.
      </p>
      <div class="fr-alert fr-alert--warning fr-mb-4w">
        <h2 class="fr-alert__title">Copiez ce secret maintenant : il ne sera plus affiché.</h2>
        <p>
          Votre logiciel s’en sert pour vérifier la signature de chaque appel. S’il est perdu ou divulgué,
          désactivez cette adresse et ajoutez-la de nouveau pour obtenir un autre secret.
        </p>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="secret-webhook">
          Secret de signature
          <span class="fr-hint-text" id="secret-webhook-aide">
            Sélectionnez-le entièrement, copiez-le et conservez-le dans un gestionnaire de secrets.
          </span>
        </label>
        <input
          class="fr-input"
          id="secret-webhook"
          type="text"
          readOnly
          value={props.secret}
          spellcheck={false}
          autocomplete="off"
          aria-describedby="secret-webhook-aide"
        />
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={webhooksPath(props.organisation.slug)}>
            J’ai copié le secret : retour aux webhooks
          </a>
        </li>
      </ul>
    </>
  );
}
