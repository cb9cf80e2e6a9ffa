import { type FormState, PostForm, Select, SubmitButton, Table } from '../../../web/components.tsx';
import { Choices, Field } from '../../../web/fields.tsx';
import type { AbsenceRow } from '../absences.repository.ts';
import type { AgentChoice, SettingsOrganisation } from '../organisation-context.service.ts';
import { frenchDay, frenchTime, minutesOf, shortTime, weekdaysList } from '../recurrence.ts';
import { absenceLabels } from '../schemas.ts';
import { everyWeeksOptions, periodText, weekdayOptions } from './opening-slots.tsx';
import {
  AddLink,
  FieldGrid,
  FilterForm,
  FormColumn,
  FormSection,
  nameOptions,
  SecondaryAction,
  SettingsHeader,
  settingsPath,
} from './parts.tsx';

export function absencePath(id: string): string {
  return `/rendez-vous/parametres/absences/${encodeURIComponent(id)}`;
}

/** « Du 5 janvier 2027 à 14 h au 8 janvier 2027 », « Chaque lundi de 8 h à 10 h, à partir du… ». */
export function describeAbsence(
  a: Pick<AbsenceRow, 'firstDay' | 'lastDay' | 'startTime' | 'endTime' | 'weekdays' | 'everyWeeks'>,
): string {
  if (a.weekdays === null) {
    const start =
      minutesOf(a.startTime) === 0
        ? frenchDay(a.firstDay)
        : `${frenchDay(a.firstDay)} à ${frenchTime(a.startTime)}`;
    const lastDay = a.lastDay ?? a.firstDay;
    const wholeEnd = minutesOf(a.endTime) >= 1440;
    if (lastDay === a.firstDay) {
      if (minutesOf(a.startTime) === 0 && wholeEnd) return `Le ${frenchDay(a.firstDay)}, toute la journée`;
      return `Le ${frenchDay(a.firstDay)} de ${frenchTime(a.startTime)} à ${frenchTime(a.endTime)}`;
    }
    const end = wholeEnd ? frenchDay(lastDay) : `${frenchDay(lastDay)} à ${frenchTime(a.endTime)}`;
    return `Du ${start} au ${end}`;
  }
  const repeat = a.everyWeeks === 1 ? 'Chaque' : `Toutes les ${a.everyWeeks} semaines, le`;
  return `${repeat} ${weekdaysList(a.weekdays)} de ${frenchTime(a.startTime)} à ${frenchTime(a.endTime)}, ${periodText(a.firstDay, a.lastDay).toLowerCase()}`;
}

export function AbsencesPage(props: {
  organisation: SettingsOrganisation;
  absences: AbsenceRow[];
  agents: AgentChoice[];
  agentId?: string;
  manageable: Set<string>;
}) {
  const { organisation } = props;
  return (
    <>
      <SettingsHeader organisation={organisation} section="absences" title="Absences" />
      {props.manageable.size > 0 && (
        <AddLink href={settingsPath('absences/nouvelle', organisation.slug, { agent: props.agentId })}>
          Ajouter une absence
        </AddLink>
      )}
      <FilterForm
        action="/rendez-vous/parametres/absences"
        organisation={organisation}
        values={{ agent: props.agentId }}
        filters={[
          {
            name: 'agent',
            label: 'Agent',
            placeholder: 'Tous les agents',
            options: nameOptions(props.agents),
          },
        ]}
      />
      {props.absences.length === 0 ? (
        <p>Aucune absence {props.agentId ? 'pour cet agent' : 'pour l’instant'}.</p>
      ) : (
        <Table
          id="absences"
          caption={`${props.absences.length} absence${props.absences.length > 1 ? 's' : ''}`}
          headers={['Agent', 'Intitulé', 'Quand', '']}
        >
          {props.absences.map((a) => (
            <tr>
              <td>{a.agentName}</td>
              <td class="fr-cell--multiline">{a.title}</td>
              <td class="fr-cell--multiline">{describeAbsence(a)}</td>
              <td>
                <a
                  href={absencePath(a.id)}
                  aria-label={`${props.manageable.has(a.agentId) ? 'Modifier' : 'Voir'} l’absence « ${a.title} » de ${a.agentName}`}
                >
                  {props.manageable.has(a.agentId) ? 'Modifier' : 'Voir'}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export function absenceFormValues(a: AbsenceRow): Record<string, string> {
  const oneOff = a.weekdays === null;
  return {
    agentId: a.agentId,
    title: a.title,
    repetition: oneOff ? 'ponctuelle' : 'hebdomadaire',
    firstDay: a.firstDay,
    lastDay: a.lastDay ?? '',
    // A one-off absence over whole days is shown with empty times, as it was typed.
    startTime: oneOff && minutesOf(a.startTime) === 0 ? '' : shortTime(a.startTime),
    endTime: oneOff && minutesOf(a.endTime) >= 1440 ? '' : shortTime(a.endTime),
    weekdays: (a.weekdays ?? []).join(','),
    everyWeeks: String(a.everyWeeks),
  };
}

export function AbsenceFormPage(props: {
  organisation: SettingsOrganisation;
  form: FormState;
  csrfToken: string;
  action: string;
  agents: AgentChoice[];
  absence?: AbsenceRow;
  mayEdit: boolean;
  /** Appointments to come that fall inside the absence (shown on its page). */
  inside?: number;
}) {
  const { organisation, form, absence } = props;
  const labels = absenceLabels;
  const title = absence ? absence.title : 'Ajouter une absence';
  const insideWarning =
    props.inside && props.inside > 0 ? (
      <div class="fr-alert fr-alert--warning fr-mb-3w">
        <p>
          {props.inside} rendez-vous à venir {props.inside > 1 ? 'tombent' : 'tombe'} pendant cette absence.
          Ils restent maintenus : déplacez-les ou confiez-les à un collègue depuis l’agenda.
        </p>
      </div>
    ) : null;
  if (absence && !props.mayEdit) {
    return (
      <>
        <SettingsHeader organisation={organisation} section="absences" current={title} title={title} />
        <p>
          {absence.agentName} : {describeAbsence(absence)}.
        </p>
        {insideWarning}
      </>
    );
  }
  return (
    <>
      <SettingsHeader organisation={organisation} section="absences" current={title} title={title} />
      {insideWarning}
      <FormColumn form={form} labels={labels}>
        <PostForm action={props.action} csrfToken={props.csrfToken}>
          <Select
            form={form}
            name="agentId"
            label={labels.agentId}
            required
            placeholder="Choisir un agent"
            options={nameOptions(props.agents)}
          />
          <Field
            form={form}
            name="title"
            label={labels.title}
            type="text"
            required
            hint="Par exemple : Congés, Formation, Réunion d’équipe"
          />
          <Choices
            form={form}
            kind="radio"
            name="repetition"
            label="Cette absence est"
            required
            options={[
              {
                value: 'ponctuelle',
                label: 'Ponctuelle',
                hint: 'Du premier jour (à l’heure de début) au dernier jour (à l’heure de fin).',
              },
              {
                value: 'hebdomadaire',
                label: 'Répétée chaque semaine',
                hint: 'Les jours cochés, entre l’heure de début et l’heure de fin, du premier au dernier jour.',
              },
            ]}
          />
          <FormSection title="Dates et heures">
            <FieldGrid
              form={form}
              fields={[
                { name: 'firstDay', label: labels.firstDay, type: 'date', required: true },
                {
                  name: 'startTime',
                  label: labels.startTime,
                  type: 'time',
                  hint: 'Absence ponctuelle : vide pour dès le début de la journée.',
                },
                {
                  name: 'lastDay',
                  label: labels.lastDay,
                  type: 'date',
                  hint: 'Absence ponctuelle : vide pour le même jour. Répétée : vide pour sans fin.',
                },
                {
                  name: 'endTime',
                  label: labels.endTime,
                  type: 'time',
                  hint: 'Absence ponctuelle : vide pour jusqu’à la fin de la journée.',
                },
              ]}
            />
          </FormSection>
          <FormSection title="Si l’absence se répète">
            <Choices
              form={form}
              kind="checkbox"
              name="weekdays"
              label={labels.weekdays}
              inline
              options={weekdayOptions}
            />
            <Select form={form} name="everyWeeks" label="Répétition" options={everyWeeksOptions} />
          </FormSection>
          <SubmitButton>{absence ? 'Enregistrer les modifications' : 'Ajouter l’absence'}</SubmitButton>
        </PostForm>
        {absence && (
          <SecondaryAction action={`${absencePath(absence.id)}/suppression`} csrfToken={props.csrfToken}>
            Supprimer cette absence
          </SecondaryAction>
        )}
      </FormColumn>
    </>
  );
}
