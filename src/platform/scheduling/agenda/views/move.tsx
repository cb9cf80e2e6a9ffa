import { PostForm } from '../../../web/components.tsx';
import type { NextSlot } from '../../booking.service.ts';
import type { SlotSearchResult } from '../../types.ts';
import type { ParticipationView } from '../agenda.repository.ts';
import type { AgendaContext } from '../agenda.service.ts';
import { formatDay, formatTime, formatTimeRange, localDayOf } from '../week-grid.ts';
import { AgendaBreadcrumb, type Linker, participationPath, personName, whereOf } from './parts.tsx';
import { SlotChooser, SlotPager } from './slots.tsx';

export function agentNamer(context: AgendaContext) {
  return (agentId: string) => {
    const agent = context.agents.find((a) => a.agentId === agentId);
    return agent ? `${agent.firstName} ${agent.lastName}` : 'un agent';
  };
}

/** « Déplacer » : the free slots of the same type for the same person, two weeks at a time. */
export function MovePage(props: {
  context: AgendaContext;
  link: Linker;
  participation: ParticipationView;
  result: SlotSearchResult;
  day: string;
  today: string;
  days: number;
}) {
  const { context, link, participation: p } = props;
  const path = `/rdv/${p.participantId}/deplacer`;
  return (
    <>
      <AgendaBreadcrumb
        link={link}
        items={[
          { label: personName(p), href: participationPath(link, p.participantId) },
          { label: 'Déplacer' },
        ]}
      />
      <h1>
        Déplacer le rendez-vous de {p.citizenFirstName} {p.citizenLastName}
      </h1>
      <p class="fr-text--lead">
        Actuellement : {formatDay(localDayOf(p.startsAt))}, {formatTimeRange(p.startsAt, p.endsAt)} ·{' '}
        {p.typeName} · {whereOf(p)}
      </p>
      <h2 class="fr-h4">Choisir un nouveau créneau</h2>
      <SlotPager link={link} path={path} params={{}} day={props.day} today={props.today} days={props.days} />
      <SlotChooser
        link={link}
        action={link(`${path}/confirmer`).split('?')[0]!}
        hidden={{}}
        result={props.result}
        collective={p.collective}
        agentName={agentNamer(context)}
      />
    </>
  );
}

/** The move's confirmation; after a refusal (« pris »), the message and the next free slots. */
export function MoveConfirmPage(props: {
  context: AgendaContext;
  link: Linker;
  participation: ParticipationView;
  startsAt: Date;
  placeName: string;
  placeId: string;
  csrfToken: string;
  taken: NextSlot[] | null;
}) {
  const { link, participation: p } = props;
  const path = `/rdv/${p.participantId}/deplacer`;
  return (
    <>
      <AgendaBreadcrumb
        link={link}
        items={[
          { label: personName(p), href: participationPath(link, p.participantId) },
          { label: 'Déplacer' },
        ]}
      />
      <h1>Confirmer le déplacement</h1>
      {props.taken && <TakenAlert link={link} path={`${path}/confirmer`} next={props.taken} params={{}} />}
      {!props.taken && (
        <>
          <p class="fr-text--lead">
            Rendez-vous de {p.citizenFirstName} {p.citizenLastName} ({p.typeName}) déplacé au{' '}
            <strong>
              {formatDay(localDayOf(props.startsAt))} à {formatTime(props.startsAt)}
            </strong>
            , {props.placeName}.
          </p>
          <p>La personne en est prévenue par courriel ou SMS.</p>
          <PostForm action={link(`${path}/confirmer`)} csrfToken={props.csrfToken}>
            <input type="hidden" name="debut" value={props.startsAt.toISOString()} />
            <input type="hidden" name="lieu" value={props.placeId} />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Déplacer le rendez-vous
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={link(path)}>
                  Choisir un autre créneau
                </a>
              </li>
            </ul>
          </PostForm>
        </>
      )}
    </>
  );
}

/** « Ce créneau vient d’être pris » with the next free slots, each a link to its confirmation. */
export function TakenAlert(props: {
  link: Linker;
  path: string;
  params: Record<string, string | undefined>;
  next: NextSlot[];
}) {
  return (
    <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">Ce créneau vient d’être pris</h2>
      {props.next.length === 0 ? (
        <p>Il n’y a plus de créneau libre pour ce motif dans son délai de réservation.</p>
      ) : (
        <>
          <p>Voici les créneaux libres suivants :</p>
          <ul>
            {props.next.map(({ slot, place }) => (
              <li>
                <a
                  href={props.link(props.path, {
                    ...props.params,
                    debut: slot.startsAt.toISOString(),
                    lieu: place.id,
                  })}
                >
                  {formatDay(localDayOf(slot.startsAt))} à {formatTime(slot.startsAt)}, {place.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
