import type { OrganisationSummary } from '../tenancy/organisation.repository.ts';
import { Breadcrumb, formatDateTime, PostForm, Select, Table } from '../web/components.tsx';
import type { Channel } from './channels.ts';
import { type MonthlyCost, monthLabel } from './costs.ts';
import type { MessageFilter, MessageStatus } from './messages.repository.ts';
import type { MessageSummary, MessagesView } from './messages.service.ts';
import type { TemplateRegistry } from './templates.ts';

export const MESSAGES_PATH = '/messages';
export const LETTERS_PATH = '/messages/lettres';
export const TEMPLATES_PATH = '/messages/modeles';
export const retryPath = (id: string) => `${MESSAGES_PATH}/${id}/reessayer`;

export const channelLabels: Record<Channel, string> = { email: 'Courriel', sms: 'SMS', letter: 'Lettre' };

export const statusLabels: Record<MessageStatus, string> = {
  queued: 'En attente',
  sending: 'En cours d’envoi',
  retrying: 'Nouvel essai prévu',
  sent: 'Envoyé',
  delivered: 'Distribué',
  failed: 'Échec',
  to_print: 'À imprimer',
  posted: 'Posté',
  dead: 'Abandonné après plusieurs essais',
  invalid: 'Destinataire invalide',
};
export const messageStatuses = Object.keys(statusLabels) as MessageStatus[];

const badgeKinds: Record<MessageStatus, 'success' | 'error' | 'warning' | 'info'> = {
  queued: 'info',
  sending: 'info',
  retrying: 'warning',
  sent: 'success',
  delivered: 'success',
  failed: 'error',
  to_print: 'info',
  posted: 'success',
  dead: 'error',
  invalid: 'error',
};

/** Failed and dead messages may be sent again (« Réessayer »). */
export const isRetryable = (status: MessageStatus) => status === 'dead' || status === 'failed';

type Describer = Pick<TemplateRegistry, 'find'>;

/** What a message is, in words: its template's description (its name if its module is switched off). */
function describe(templates: Describer | undefined, name: string): string {
  return templates?.find(name)?.description ?? name;
}

export function StatusBadge({ message }: { message: Pick<MessageSummary, 'status' | 'statusReason'> }) {
  return (
    <>
      <p class={`fr-badge fr-badge--sm fr-badge--no-icon fr-badge--${badgeKinds[message.status]}`}>
        {statusLabels[message.status]}
      </p>
      {message.statusReason && <p class="fr-text--xs fr-mb-0">{message.statusReason}</p>}
    </>
  );
}

function Recipient({ message }: { message: Pick<MessageSummary, 'recipient' | 'recipientName'> }) {
  // A letter's recipient is a postal address of several lines: its first line says enough here.
  const address = message.recipient.split('\n')[0];
  return message.recipientName ? (
    <>
      {message.recipientName}
      <br />
      <span class="fr-text--xs">{address}</span>
    </>
  ) : (
    address
  );
}

function Dates({ message }: { message: Pick<MessageSummary, 'createdAt' | 'sentAt'> }) {
  return (
    <>
      {formatDateTime(message.createdAt)}
      {message.sentAt && (
        <>
          <br />
          <span class="fr-text--xs">envoyé le {formatDateTime(message.sentAt)}</span>
        </>
      )}
    </>
  );
}

/**
 * A person's messages and their status, for module pages (a beneficiary's file, a volunteer's page):
 * `<MessageHistory messages={await messageHistoryOf(db, scope, { type, id })} templates={…} />`.
 */
export function MessageHistory(props: {
  messages: MessageSummary[];
  templates?: Describer;
  caption?: string;
}) {
  const caption = props.caption ?? 'Messages envoyés';
  if (props.messages.length === 0) return <p>Aucun message envoyé pour le moment.</p>;
  return (
    <Table caption={caption} headers={['Date', 'Canal', 'Message', 'Destinataire', 'État']}>
      {props.messages.map((message) => (
        <tr>
          <td>
            <Dates message={message} />
          </td>
          <td>{channelLabels[message.channel]}</td>
          <td>{describe(props.templates, message.template)}</td>
          <td>
            <Recipient message={message} />
          </td>
          <td>
            <StatusBadge message={message} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** The page's URL with its filters, so that a filtered view is a link one can share (and come back to). */
export function messagesQuery(organisationSlug: string | undefined, filter: MessageFilter): string {
  const query = new URLSearchParams();
  if (organisationSlug) query.set('organisation', organisationSlug);
  if (filter.status) query.set('statut', filter.status);
  if (filter.channel) query.set('canal', filter.channel);
  const text = query.toString();
  return text ? `${MESSAGES_PATH}?${text}` : MESSAGES_PATH;
}

function Filters(props: {
  choices: OrganisationSummary[];
  organisationSlug: string | undefined;
  filter: MessageFilter;
  allowAll: boolean;
}) {
  const form = {
    values: {
      organisation: props.organisationSlug ?? '',
      statut: props.filter.status ?? '',
      canal: props.filter.channel ?? '',
    },
    errors: {},
  };
  return (
    <form method="get" action={MESSAGES_PATH} class="fr-mb-4w">
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">Filtrer les messages</legend>
        {(props.choices.length > 1 || props.allowAll) && (
          <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
            <Select
              form={form}
              name="organisation"
              label="Organisation"
              placeholder={props.allowAll ? 'Toutes les organisations' : undefined}
              options={props.choices.map((o) => ({
                value: o.slug,
                label: o.territoryName ? `${o.name} (${o.territoryName})` : o.name,
              }))}
            />
          </div>
        )}
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="statut"
            label="État"
            placeholder="Tous les états"
            options={messageStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Select
            form={form}
            name="canal"
            label="Canal"
            placeholder="Tous les canaux"
            options={(Object.keys(channelLabels) as Channel[]).map((c) => ({
              value: c,
              label: channelLabels[c],
            }))}
          />
        </div>
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn fr-btn--secondary">
            Filtrer
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function Costs({ costs }: { costs: MonthlyCost[] }) {
  return (
    <Table
      caption="Envois par mois"
      captionHidden
      headers={['Mois', 'Courriels', 'SMS', 'Segments SMS facturés', 'Lettres']}
      id="couts"
    >
      {costs.map((line) => (
        <tr>
          <td>{monthLabel(line.month)}</td>
          <td>{line.emails}</td>
          <td>{line.sms}</td>
          <td>{line.smsSegments}</td>
          <td>{line.letters}</td>
        </tr>
      ))}
    </Table>
  );
}

export function MessagesPage(
  props: MessagesView & {
    templates: Describer;
    csrfToken: string;
    allowAll: boolean;
    mayPreviewTemplates: boolean;
    limit: number;
  },
) {
  const { organisation, messages, filter } = props;
  const slug = organisation?.slug;
  const here = messagesQuery(slug, filter);
  const problems = messages.filter((m) => isRetryable(m.status)).length;
  return (
    <>
      <Breadcrumb items={[{ label: 'Tableau de bord', href: '/tableau-de-bord' }, { label: 'Messages' }]} />
      <h1>{organisation ? `Messages de ${organisation.name}` : 'Messages de toutes les organisations'}</h1>
      <p class="fr-text--lead">
        Les courriels, SMS et lettres envoyés par Tremplin
        {organisation ? ` pour ${organisation.name}` : ''}, avec leur état. Les messages en échec sont en tête
        de liste : « Réessayer » les renvoie.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <a class="fr-btn fr-btn--secondary" href={LETTERS_PATH}>
            Lettres à imprimer
          </a>
        </li>
        {props.mayPreviewTemplates && (
          <li>
            <a class="fr-btn fr-btn--secondary" href={TEMPLATES_PATH}>
              Modèles de messages
            </a>
          </li>
        )}
      </ul>
      <Filters choices={props.choices} organisationSlug={slug} filter={filter} allowAll={props.allowAll} />

      <h2>Messages récents</h2>
      {problems > 0 && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>
            {problems === 1 ? 'Un message n’a pas pu partir.' : `${problems} messages n’ont pas pu partir.`}
          </p>
        </div>
      )}
      {messages.length === props.limit && (
        <p>
          Seuls les {props.limit} premiers sont affichés : filtrez par état ou par canal pour voir les autres.
        </p>
      )}
      {messages.length === 0 ? (
        <p>Aucun message{filter.status || filter.channel ? ' pour ces filtres' : ''}.</p>
      ) : (
        <Table
          caption={organisation ? `Messages récents de ${organisation.name}` : 'Messages récents'}
          captionHidden
          headers={['Date', 'Canal', 'Message', 'Destinataire', 'État', 'Essais', 'Action']}
          id="messages"
        >
          {messages.map((message) => (
            <tr>
              <td>
                <Dates message={message} />
              </td>
              <td>{channelLabels[message.channel]}</td>
              <td>
                {describe(props.templates, message.template)}
                {!organisation && message.organisationName && (
                  <>
                    <br />
                    <span class="fr-text--xs">{message.organisationName}</span>
                  </>
                )}
              </td>
              <td>
                <Recipient message={message} />
              </td>
              <td>
                <StatusBadge message={message} />
              </td>
              <td>{message.attempts}</td>
              <td>
                {isRetryable(message.status) && props.mayRetry(message.organisationId) && (
                  <PostForm action={retryPath(message.id)} csrfToken={props.csrfToken} class="tp-inline-form">
                    <input type="hidden" name="retour" value={here} />
                    <button
                      type="submit"
                      class="fr-btn fr-btn--sm fr-btn--secondary"
                      title={`Réessayer l’envoi à ${message.recipient.split('\n')[0]}`}
                    >
                      Réessayer
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Coûts</h2>
      <p>
        Messages acceptés par les fournisseurs, mois par mois (heure de Paris). Un SMS de plus de 160
        caractères, ou avec un caractère hors de l’alphabet GSM, est facturé en plusieurs segments.
      </p>
      <Costs costs={props.costs} />
    </>
  );
}
