import type { AgendaEntry } from '../agenda.repository.ts';
import type { AgendaContext, TimedAbsence, TimedEntry, TimedOpening, WeekData } from '../agenda.service.ts';
import {
  addDays,
  buildWeekGrid,
  type DayEntry,
  dayBounds,
  formatDay,
  formatShortDay,
  formatTime,
  formatTimeRange,
  localDayOf,
  weekAsDays,
} from '../week-grid.ts';
import {
  AgendaBreadcrumb,
  agentName,
  entryStatus,
  InlineSelect,
  InlineShowButton,
  type Linker,
  OrganisationField,
  participationPath,
  personName,
  StatusBadge,
} from './parts.tsx';

export type WeekSubject =
  | { kind: 'agent'; id: string; name: string }
  | { kind: 'place'; id: string; name: string };

type Props = {
  context: AgendaContext;
  link: Linker;
  subject: WeekSubject;
  week: WeekData;
  today: string;
};

/**
 * A week of one agent or one place. Wide screens get a real table (days in columns, hours in rows,
 * each with its header); phones get the same week as a list per day. Both are in the page and CSS
 * shows one (DSFR's fr-hidden / fr-unhidden-lg), so nothing needs JavaScript. Opening hours are
 * shaded and also written (« Ouvert »), absences written too: nothing is said by colour alone.
 */
export function WeekPage(props: Props) {
  const { context, link, subject, week } = props;
  const sunday = addDays(week.monday, 6);
  const param = subject.kind === 'agent' ? { agent: subject.id } : { lieu: subject.id };
  const title = `Semaine du ${formatDay(week.monday)}`;
  return (
    <>
      <AgendaBreadcrumb link={link} items={[{ label: 'Semaine' }]} />
      <h1>
        {title}
        <span class="fr-sr-only"> au {formatDay(sunday)}</span>
      </h1>
      <p class="fr-text--lead">
        {subject.kind === 'agent' ? `Agenda de ${subject.name}` : `Lieu : ${subject.name}`} –{' '}
        {context.organisation.name}
      </p>
      <WeekChooser {...props} />
      <nav aria-label="Autres semaines" class="fr-mb-4w">
        <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={link('/semaine', { ...param, du: addDays(week.monday, -7) })}
            >
              Semaine précédente
            </a>
          </li>
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={link('/semaine', { ...param, du: props.today })}
            >
              Cette semaine
            </a>
          </li>
          <li>
            <a
              class="fr-btn fr-btn--sm fr-btn--tertiary"
              href={link('/semaine', { ...param, du: addDays(week.monday, 7) })}
            >
              Semaine suivante
            </a>
          </li>
        </ul>
      </nav>
      <p class="fr-text--sm">
        <span class="tp-legend tp-agenda-open">Ouvert</span> plage d’ouverture ·{' '}
        <span class="tp-legend tp-agenda-absent">Absent</span> absence · chaque rendez-vous est un lien vers
        sa fiche.
      </p>
      <div class="fr-hidden fr-unhidden-lg">
        <WeekTable {...props} />
      </div>
      <div class="fr-hidden-lg">
        <WeekList {...props} />
      </div>
    </>
  );
}

function WeekChooser({ context, link, subject, week }: Props) {
  return (
    <form method="get" action="/rendez-vous/semaine" class="fr-mb-3w">
      <OrganisationField link={link} />
      <input type="hidden" name="du" value={week.monday} />
      <fieldset class="fr-fieldset tp-inline-fields">
        <legend class="fr-fieldset__legend fr-text--regular">Voir la semaine d’un agent ou d’un lieu</legend>
        <InlineSelect
          id="champ-agent"
          name="agent"
          label="Agent"
          empty="—"
          selected={subject.kind === 'agent' ? subject.id : undefined}
          options={context.agents.map((a) => ({ value: a.agentId, label: `${a.firstName} ${a.lastName}` }))}
        />
        <InlineSelect
          id="champ-lieu"
          name="lieu"
          label="ou lieu"
          empty="—"
          selected={subject.kind === 'place' ? subject.id : undefined}
          options={context.places.map((p) => ({ value: p.id, label: p.name }))}
        />
        <InlineShowButton />
      </fieldset>
    </form>
  );
}

function placeName(context: AgendaContext, placeId: string): string {
  return context.places.find((p) => p.id === placeId)?.name ?? 'lieu archivé';
}

function memberName(context: AgendaContext, agentId: string): string {
  const agent = context.agents.find((a) => a.agentId === agentId);
  return agent ? `${agent.firstName} ${agent.lastName}` : 'agent';
}

function openingLabel(props: Props, opening: TimedOpening): string {
  const where =
    props.subject.kind === 'agent'
      ? placeName(props.context, opening.placeId)
      : memberName(props.context, opening.agentId);
  return `Ouvert ${formatTimeRange(opening.start, opening.end)} · ${opening.title ? `${opening.title}, ` : ''}${where}`;
}

function absenceLabel(props: Props, absence: TimedAbsence): string {
  const who =
    props.subject.kind === 'place' ? `${memberName(props.context, absence.agentId)} absent` : 'Absent';
  return `${who} : ${absence.title}`;
}

function AppointmentLink({ entry, props }: { entry: AgendaEntry; props: Props }) {
  const status = entryStatus(entry);
  const who = entry.participantId ? personName(entry) : 'séance sans participant';
  const text = (
    <>
      <span class="fr-text--bold">{formatTime(entry.startsAt)}</span> {who}
      <br />
      <span class="fr-text--xs">
        {entry.typeName}
        {props.subject.kind === 'place' ? ` · ${agentName(entry)}` : ''}
      </span>
    </>
  );
  return (
    <>
      {entry.participantId ? <a href={participationPath(props.link, entry.participantId)}>{text}</a> : text}{' '}
      {status && <StatusBadge status={status} />}
    </>
  );
}

function WeekTable(props: Props) {
  const { week, subject } = props;
  const grid = buildWeekGrid({
    monday: week.monday,
    openings: week.openings,
    absences: week.absences,
    appointments: week.appointments,
  });
  return (
    <div class="fr-table fr-table--bordered fr-table--multiline tp-week">
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table>
              <caption>
                Semaine du {formatDay(week.monday)} au {formatDay(addDays(week.monday, 6))} –{' '}
                {subject.kind === 'agent' ? subject.name : `lieu ${subject.name}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Heure</th>
                  {grid.days.map(({ day }) => (
                    <th scope="col" class={day === props.today ? 'tp-week-today' : undefined}>
                      <a
                        href={props.link('/jour', {
                          du: day,
                          agent: subject.kind === 'agent' ? subject.id : undefined,
                        })}
                      >
                        {formatShortDay(day)}
                      </a>
                      {day === props.today && <span class="fr-sr-only"> (aujourd’hui)</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.rows.map((row) => (
                  <tr>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((cell) => {
                      const classes = [
                        cell.openings.length > 0 && 'tp-agenda-open',
                        cell.absences.length > 0 && 'tp-agenda-absent',
                      ].filter(Boolean);
                      return (
                        <td class={classes.join(' ') || undefined}>
                          {cell.absences
                            .filter((a) => a.first)
                            .map((a) => (
                              <p class="fr-text--xs fr-mb-1v">{absenceLabel(props, a.item)}</p>
                            ))}
                          {cell.openings
                            .filter((o) => o.first)
                            .map((o) => (
                              <p class="fr-text--xs fr-mb-1v">{openingLabel(props, o.item)}</p>
                            ))}
                          {cell.appointments.map((entry) => (
                            <p class="fr-text--sm fr-mb-1v">
                              <AppointmentLink entry={entry} props={props} />
                            </p>
                          ))}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function WeekList(props: Props) {
  const days = weekAsDays({
    monday: props.week.monday,
    openings: props.week.openings,
    absences: props.week.absences,
    appointments: props.week.appointments,
  });
  return (
    <>
      {days.map(({ day, entries }) => (
        <section class="fr-mb-4w">
          <h2 class="fr-h5 fr-mb-1w">
            <a
              href={props.link('/jour', {
                du: day,
                agent: props.subject.kind === 'agent' ? props.subject.id : undefined,
              })}
            >
              {formatDay(day)}
            </a>
            {day === props.today && ' (aujourd’hui)'}
          </h2>
          {entries.length === 0 ? (
            <p class="fr-text--sm">Ni ouverture ni rendez-vous.</p>
          ) : (
            <ul class="tp-agenda-list">
              {entries.map((entry) => (
                <DayListItem entry={entry} props={props} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

/** Whether an entry clipped to its day covers all of it (an absence of several days, say). */
function wholeDay(entry: { start: Date; end: Date }): boolean {
  const bounds = dayBounds(localDayOf(entry.start));
  return entry.start.getTime() === bounds.start.getTime() && entry.end.getTime() === bounds.end.getTime();
}

function DayListItem({
  entry,
  props,
}: {
  entry: DayEntry<TimedOpening, TimedAbsence, TimedEntry>;
  props: Props;
}) {
  switch (entry.kind) {
    case 'opening':
      return <li class="tp-agenda-item tp-agenda-open">{openingLabel(props, entry.item)}</li>;
    case 'absence':
      return (
        <li class="tp-agenda-item tp-agenda-absent">
          {absenceLabel(props, entry.item)} (
          {wholeDay(entry) ? 'toute la journée' : formatTimeRange(entry.start, entry.end)})
        </li>
      );
    case 'appointment':
      return (
        <li class="tp-agenda-item">
          <AppointmentLink entry={entry.item} props={props} />
        </li>
      );
  }
}
