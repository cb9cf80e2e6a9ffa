import { displayName } from '../../../../platform/auth/actor.ts';
import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  PostForm,
  Select,
} from '../../../../platform/web/components.tsx';
import { Choices, Textarea } from '../../../../platform/web/fields.tsx';
import { bookingLinkFor } from '../booking-link.ts';
import { isOverdue } from '../console.service.ts';
import { attemptResultLabels, phoneText, serviceName, ticketReasonLabels } from '../labels.ts';
import { assignLabels, attemptLabels, noteLabels } from '../schemas.ts';
import type { TicketPage } from '../tickets.service.ts';
import {
  AccueilBreadcrumb,
  attemptsText,
  CallerHistory,
  callerPath,
  Detail,
  eventText,
  linePath,
  OverdueBadge,
  TicketStatusBadge,
  ticketPath,
} from './parts.tsx';

export type TicketForms = { attempt: FormState; note: FormState; assign: FormState };

/**
 * One callback ticket: what the caller asked, the actions (take it, record an attempt, hand it over,
 * note, reopen) as plain forms, its own events, and the caller's whole history on the line.
 */
export function TicketPageView(props: {
  page: TicketPage;
  forms: TicketForms;
  csrfToken: string;
  now: Date;
}) {
  const { page, forms, csrfToken, now } = props;
  const { line, ticket } = page;
  const number = ticket.callerNumber;
  const open = ticket.status === 'a_rappeler' || ticket.status === 'en_cours';
  const base = ticketPath(line.id, ticket.id);
  const mine = ticket.assignedAgentId === page.agentId;
  const assignedName = ticket.assignedAgentId
    ? mine
      ? 'vous'
      : displayName({ firstName: ticket.assignedFirstName ?? '', lastName: ticket.assignedLastName ?? '' })
    : 'personne pour l’instant';
  return (
    <>
      <AccueilBreadcrumb
        items={[
          { label: line.name, href: `${linePath(line.id)}#rappels` },
          { label: `Rappel du ${phoneText(number)}` },
        ]}
      />
      <h1 class="fr-mb-1w">Rappeler le {phoneText(number)}</h1>
      <p class="fr-mb-3w">
        <TicketStatusBadge status={ticket.status} /> {isOverdue(ticket, now) && <OverdueBadge />}
      </p>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="demande-titre">
          <h2 class="fr-h5" id="demande-titre">
            La demande
          </h2>
          <dl class="tp-details">
            <Detail term="Numéro">
              {number ? <a href={`tel:${number}`}>{phoneText(number)}</a> : phoneText(null)}
            </Detail>
            <Detail term="Service">{serviceName(line.flow, ticket.serviceKey)}</Detail>
            <Detail term="Motif">{ticketReasonLabels[ticket.reason]}</Detail>
            <Detail term="Demandé le">{formatDateTime(ticket.createdAt)}</Detail>
            <Detail term="À rappeler avant">
              {formatDateTime(ticket.dueAt)}
              {isOverdue(ticket, now) && ' (en retard)'}
            </Detail>
            <Detail term="Tentatives sans joindre la personne">{attemptsText(ticket.attempts)}</Detail>
            <Detail term="Attribué à">{assignedName}</Detail>
            {ticket.closedAt && <Detail term="Clos le">{formatDateTime(ticket.closedAt)}</Detail>}
          </dl>
          {number && (
            <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
              <li>
                <a class="fr-btn fr-btn--secondary" href={bookingLinkFor(line.organisationSlug, number)}>
                  Prendre rendez-vous
                </a>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href={callerPath(line.id, number)}>
                  Historique de l’appelant
                </a>
              </li>
            </ul>
          )}
        </section>
        <section class="fr-col-12 fr-col-md-6" aria-labelledby="actions-titre">
          <h2 class="fr-h5" id="actions-titre">
            Actions
          </h2>
          {open ? (
            <>
              {!mine && (
                <PostForm action={`${base}/prendre`} csrfToken={csrfToken} class="fr-mb-3w">
                  <button type="submit" class="fr-btn">
                    Je prends ce rappel
                  </button>
                </PostForm>
              )}
              <AttemptForm action={`${base}/tentatives`} form={forms.attempt} csrfToken={csrfToken} />
              <PostForm action={`${base}/attribuer`} csrfToken={csrfToken} class="fr-mb-3w">
                <ErrorSummary form={forms.assign} labels={assignLabels} />
                <Select
                  form={forms.assign}
                  name="agent"
                  label="Attribuer à un agent de l’organisation"
                  placeholder="Choisir un agent"
                  options={page.agents.map((a) => ({
                    value: a.id,
                    label: a.id === page.agentId ? `${displayName(a)} (vous)` : displayName(a),
                  }))}
                />
                <button type="submit" class="fr-btn fr-btn--secondary fr-mt-1w">
                  Attribuer
                </button>
              </PostForm>
            </>
          ) : (
            <PostForm action={`${base}/rouvrir`} csrfToken={csrfToken} class="fr-mb-3w">
              <p>
                Ce rappel est clos. Rouvrez-le s’il faut rappeler la personne : ses tentatives repartent de
                zéro.
              </p>
              <button type="submit" class="fr-btn fr-btn--secondary">
                Rouvrir le rappel
              </button>
            </PostForm>
          )}
          <PostForm action={`${base}/notes`} csrfToken={csrfToken}>
            <ErrorSummary form={forms.note} labels={noteLabels} />
            <Textarea form={forms.note} name="texte" label="Ajouter une note" required rows={3} />
            <button type="submit" class="fr-btn fr-btn--tertiary">
              Ajouter la note
            </button>
          </PostForm>
        </section>
      </div>

      <section class="fr-mb-6w" aria-labelledby="suivi-titre">
        <h2 class="fr-h4" id="suivi-titre">
          Suivi du rappel
        </h2>
        {page.events.length === 0 ? (
          <p>Rien encore : personne n’a pris ce rappel.</p>
        ) : (
          <ol class="tp-agenda-list fr-raw-list" aria-label="Suivi du rappel, du plus récent au plus ancien">
            {page.events.map((event) => (
              <li class="tp-agenda-item">
                <p class="fr-text--bold fr-mb-1v">
                  {eventText(event)} · {formatDateTime(event.at)}
                  {event.agentFirstName &&
                    ` · ${`${event.agentFirstName} ${event.agentLastName ?? ''}`.trim()}`}
                </p>
                {event.note && (event.kind === 'note' || event.kind === 'tentative') && (
                  <p class="fr-text--sm fr-mb-0 tp-pre">{event.note}</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section class="fr-mb-6w" aria-labelledby="historique-titre">
        <h2 class="fr-h4" id="historique-titre">
          Historique de l’appelant sur cette ligne
        </h2>
        {number ? (
          <CallerHistory
            lineId={line.id}
            flow={line.flow}
            history={page.history}
            currentTicketId={ticket.id}
          />
        ) : (
          <p>Le numéro de ce rappel a été effacé (durée de conservation).</p>
        )}
      </section>
    </>
  );
}

function AttemptForm(props: { action: string; form: FormState; csrfToken: string }) {
  return (
    <PostForm action={props.action} csrfToken={props.csrfToken} class="fr-mb-3w">
      <ErrorSummary form={props.form} labels={attemptLabels} />
      <Choices
        form={props.form}
        name="resultat"
        label="J’ai appelé : résultat"
        kind="radio"
        required
        options={Object.entries(attemptResultLabels).map(([value, label]) => ({ value, label }))}
      />
      <Textarea form={props.form} name="note" label="Note sur l’appel" hint="Facultatif" rows={2} />
      <button type="submit" class="fr-btn">
        Enregistrer la tentative
      </button>
    </PostForm>
  );
}
