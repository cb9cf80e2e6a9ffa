import { MessageHistory } from '../../../messaging/messages.view.tsx';
import { formatDateTime, PostForm } from '../../../web/components.tsx';
import { participationStatusLabels } from '../../types.ts';
import type { StatusChange } from '../agenda.repository.ts';
import type { AgendaContext, AppointmentView } from '../agenda.service.ts';
import { formatDay, formatTimeRange, localDayOf } from '../week-grid.ts';
import {
  AgendaBreadcrumb,
  agentName,
  citizenPath,
  displayPhone,
  type Linker,
  participationPath,
  personName,
  StatusBadge,
  StatusButtons,
  whereOf,
} from './parts.tsx';

const channelLabels = {
  agent: 'par un agent',
  public: 'en ligne',
  invitation: 'par invitation',
  api: 'par un logiciel (API)',
};

function changedByLabel(change: StatusChange): string {
  if (change.agentFirstName || change.agentLastName)
    return `${change.agentFirstName ?? ''} ${change.agentLastName ?? ''}`.trim();
  switch (change.changedBy) {
    case 'usager':
      return 'la personne elle-même';
    case 'api':
      return 'un logiciel (API)';
    case 'systeme':
      return 'Tremplin (automatique)';
    default:
      return 'un agent';
  }
}

export function AppointmentPage(props: {
  context: AgendaContext;
  link: Linker;
  view: AppointmentView;
  csrfToken: string;
  now: Date;
}) {
  const { context, link, view } = props;
  const p = view.participation;
  const who = personName(p);
  const day = localDayOf(p.startsAt);
  const cancelled = p.status === 'annule' || p.cancelledAt !== null;
  const back = participationPath(link, p.participantId);
  const others = view.companions.filter((c) => c.participantId && c.participantId !== p.participantId);
  return (
    <>
      <AgendaBreadcrumb
        link={link}
        items={[
          { label: formatDay(day), href: link('/jour', { du: day, agent: p.agentId }) },
          { label: who },
        ]}
      />
      <h1>
        Rendez-vous de {p.citizenFirstName} {p.citizenLastName}
      </h1>
      <p class="fr-text--lead fr-mb-2w">
        {formatDay(day)}, {formatTimeRange(p.startsAt, p.endsAt)}
      </p>
      <p class="fr-mb-4w">
        Statut : <StatusBadge status={p.status} />
      </p>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">Rendez-vous</h2>
          <dl class="tp-details">
            <dt>Motif</dt>
            <dd>
              {p.typeName}
              {p.collective ? ` (séance collective, ${p.capacity} places)` : ''}
            </dd>
            <dt>Lieu</dt>
            <dd>
              {whereOf(p)}
              {p.placeAddress && (
                <>
                  <br />
                  {p.placeAddress}
                </>
              )}
            </dd>
            <dt>Agent</dt>
            <dd>{agentName(p)}</dd>
            <dt>Pris</dt>
            <dd>
              {channelLabels[p.bookedVia]}, le {formatDateTime(p.bookedAt)}
            </dd>
          </dl>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">Personne</h2>
          <dl class="tp-details">
            <dt>Nom</dt>
            <dd>
              <a href={citizenPath(link, p.citizenId)}>{who}</a>
            </dd>
            <dt>Téléphone</dt>
            <dd>
              {p.citizenPhone ? (
                <a href={`tel:${p.citizenPhone}`}>{displayPhone(p.citizenPhone)}</a>
              ) : (
                'non renseigné'
              )}
            </dd>
            <dt>Courriel</dt>
            <dd>
              {p.citizenEmail ? <a href={`mailto:${p.citizenEmail}`}>{p.citizenEmail}</a> : 'non renseigné'}
            </dd>
            {p.citizenAddress && (
              <>
                <dt>Adresse</dt>
                <dd>{p.citizenAddress}</dd>
              </>
            )}
          </dl>
        </div>
      </div>
      {context.mayBook && !cancelled && (
        <section class="fr-mb-6w">
          <h2 class="fr-h4">Changer le statut</h2>
          <StatusButtons
            link={link}
            participantId={p.participantId}
            status={p.status}
            who={who}
            back={back}
            csrfToken={props.csrfToken}
            withCancel={false}
          />
          {p.status === 'a_venir' && (
            <>
              <h2 class="fr-h4 fr-mt-4w">Déplacer ou annuler</h2>
              <ul class="fr-btns-group fr-btns-group--inline-md">
                {!p.collective && (
                  <li>
                    <a class="fr-btn fr-btn--secondary" href={link(`/rdv/${p.participantId}/deplacer`)}>
                      Déplacer le rendez-vous
                    </a>
                  </li>
                )}
                <li>
                  <PostForm action={link(`/rdv/${p.participantId}/annulation`)} csrfToken={props.csrfToken}>
                    <button type="submit" class="fr-btn fr-btn--tertiary">
                      Annuler le rendez-vous
                    </button>
                  </PostForm>
                </li>
              </ul>
              <p class="fr-text--sm">
                La personne est prévenue par courriel ou SMS du déplacement ou de l’annulation.
              </p>
            </>
          )}
        </section>
      )}
      <section class="fr-mb-6w">
        <h2 class="fr-h4">Historique du statut</h2>
        {view.history.length === 0 ? (
          <p>Aucun changement enregistré.</p>
        ) : (
          <ul class="tp-agenda-list" id="historique">
            {view.history.map((change) => (
              <li class="tp-agenda-item">
                <strong>{participationStatusLabels[change.toStatus]}</strong>
                {change.fromStatus ? ` (avant : ${participationStatusLabels[change.fromStatus]})` : ''}
                {' – '}
                {formatDateTime(change.changedAt)}, par {changedByLabel(change)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {others.length > 0 && (
        <section class="fr-mb-6w">
          <h2 class="fr-h4">Autres participants de la séance</h2>
          <ul>
            {others.map((c) => (
              <li>
                <a href={participationPath(link, c.participantId!)}>{personName(c)}</a>{' '}
                {c.status && <StatusBadge status={c.status} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="fr-mb-6w">
        <h2 class="fr-h4">Messages envoyés à la personne</h2>
        <MessageHistory messages={view.messages} caption="Derniers messages envoyés à la personne" />
      </section>
    </>
  );
}
