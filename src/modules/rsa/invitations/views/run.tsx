import { Breadcrumb, formatDateTime, Table } from '../../../../platform/web/components.tsx';
import type { OrganisationInfo } from '../invitations.repository.ts';
import { NO_SLOT_REASON } from '../invite.service.ts';
import { formatLocalDay } from '../message.ts';
import type { InvitationRun } from '../runs.repository.ts';

/** « 1 250 » (a narrow no-break space between thousands, as French writes them). */
export function formatCount(n: number): string {
  return n.toLocaleString('fr-FR');
}

export const runPath = (id: string, retour?: string | null) =>
  `/rsa/invitations/envois/${id}${retour ? `?${new URLSearchParams({ retour })}` : ''}`;

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n > 1 ? many : one}`;

export type RunPageProps = { run: InvitationRun; organisation: OrganisationInfo; retour: string };

/** GET /rsa/invitations/envois/:id: the progress of a bulk invitation sent in the background, then its summary. */
export function RunPage(props: RunPageProps) {
  const { run, retour } = props;
  const working = run.state === 'queued' || run.state === 'running';
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'RSA', href: '/rsa' },
          { label: 'Liste', href: retour },
          { label: 'Envoi des invitations' },
        ]}
      />
      <h1>Envoi des invitations</h1>
      <p class="fr-text--sm">
        {props.organisation.name} · demandé le {formatDateTime(run.createdAt)} ·{' '}
        {plural(run.total, 'personne sélectionnée', 'personnes sélectionnées')}
      </p>
      {working && <Progress run={run} retour={retour} />}
      {run.state === 'done' && <Summary run={run} />}
      {run.state === 'failed' && (
        <div class="fr-alert fr-alert--error fr-mb-4w">
          <h2 class="fr-alert__title">L’envoi n’a pas pu se terminer</h2>
          <p>
            {run.error ? `${run.error.charAt(0).toUpperCase()}${run.error.slice(1)}. ` : ''}
            {formatCount(run.invited)} invitations étaient déjà parties ; les autres personnes peuvent être
            invitées à nouveau depuis la liste.
          </p>
        </div>
      )}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={retour}>
          Retour à la liste
        </a>
      </p>
    </>
  );
}

function Progress(props: { run: InvitationRun; retour: string }) {
  const { run } = props;
  const percent = run.total ? Math.floor((run.processed / run.total) * 100) : 0;
  return (
    <div class="fr-callout fr-mb-4w">
      <h2 class="fr-callout__title fr-h5">
        {run.state === 'queued' ? 'Envoi en attente de démarrage' : 'Envoi des invitations en cours'}
      </h2>
      <p class="fr-callout__text">
        <label for="avancement">
          {formatCount(run.processed)} sur {formatCount(run.total)} personnes traitées ({percent} %), dont{' '}
          {plural(run.invited, 'invitation envoyée', 'invitations envoyées')}
        </label>
      </p>
      <progress id="avancement" max={run.total || 1} value={run.processed} class="fr-mb-2w">
        {percent} %
      </progress>
      <p class="fr-text--sm fr-mb-0">
        Cette page se met à jour toute seule toutes les 2 secondes. Vous pouvez aussi la quitter : l’envoi
        continue. <a href={runPath(run.id, props.retour)}>Actualiser</a>
      </p>
      {run.error && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mt-2w">
          <p>
            Une erreur a interrompu l’envoi ; il reprendra tout seul dans un instant, sans inviter personne
            deux fois.
          </p>
        </div>
      )}
    </div>
  );
}

function Summary(props: { run: InvitationRun }) {
  const { run } = props;
  const channels = [
    run.invitedSms && `${formatCount(run.invitedSms)} par SMS`,
    run.invitedEmail && `${formatCount(run.invitedEmail)} par courriel`,
    run.invitedLetter && `${formatCount(run.invitedLetter)} par courrier`,
  ].filter(Boolean);
  const others = run.skipped.filter((s) => s.reason !== NO_SLOT_REASON);
  const counts = new Map<string, number>();
  for (const { reason } of others) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const reasons = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <>
      <div class={`fr-alert ${run.invited > 0 ? 'fr-alert--success' : 'fr-alert--info'} fr-mb-4w`}>
        <h2 class="fr-alert__title">Envoi terminé</h2>
        <p>
          {run.invited > 0
            ? `${plural(run.invited, 'invitation envoyée', 'invitations envoyées')} (${channels.join(', ')}).`
            : 'Aucune invitation envoyée.'}
          {run.invitedLetter > 0 && ' Les courriers sont à imprimer depuis la page des lettres.'}
          {run.finishedAt && ` Terminé le ${formatDateTime(run.finishedAt)}.`}
        </p>
      </div>
      {run.noSlot.map((entry) => (
        <div class="fr-alert fr-alert--warning fr-mb-4w">
          <h2 class="fr-alert__title">Aucun créneau libre pour {entry.organisationName}</h2>
          <p>
            Aucun créneau d’orientation libre d’ici le {formatLocalDay(entry.lastDay)}
            {entry.communes.length > 0 &&
              ` (${entry.communes.slice(0, 10).join(', ')}${entry.communes.length > 10 ? '…' : ''})`}{' '}
            : {plural(entry.held, 'personne n’a pas été invitée', 'personnes n’ont pas été invitées')}. Ouvrez
            des créneaux d’orientation RSA, puis invitez à nouveau. Les administrateurs de l’organisation sont
            prévenus par courriel.
          </p>
        </div>
      ))}
      {reasons.length > 0 && (
        <>
          <h2 class="fr-h4">{plural(others.length, 'personne non invitée', 'personnes non invitées')}</h2>
          <Table caption="Personnes non invitées, par motif" captionHidden headers={['Motif', 'Personnes']}>
            {reasons.map(([reason, n]) => (
              <tr>
                <td>{reason.charAt(0).toUpperCase() + reason.slice(1)}</td>
                <td>
                  <strong>{formatCount(n)}</strong>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}
