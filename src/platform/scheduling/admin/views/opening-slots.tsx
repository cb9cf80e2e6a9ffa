import { type FormState, PostForm, Select, SubmitButton, Table } from '../../../web/components.tsx';
import { Checkbox, Choices, Field } from '../../../web/fields.tsx';
import type { OpeningSlotRow } from '../opening-slots.repository.ts';
import type { AgentChoice, SettingsOrganisation } from '../organisation-context.service.ts';
import { frenchDay, frenchTime, shortTime, weekdayNames, weekdaysList } from '../recurrence.ts';
import { openingSlotLabels } from '../schemas.ts';
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

export function openingSlotPath(id: string): string {
  return `/rendez-vous/parametres/plages/${encodeURIComponent(id)}`;
}

export const weekdayOptions = weekdayNames.map((name, index) => ({
  value: String(index + 1),
  label: name.charAt(0).toUpperCase() + name.slice(1),
}));

export function everyWeeksText(n: number): string {
  return n === 1 ? 'Chaque semaine' : `Toutes les ${n} semaines`;
}

export const everyWeeksOptions = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
  value: String(n),
  label: everyWeeksText(n),
}));

export function periodText(firstDay: string, lastDay: string | null): string {
  if (lastDay === null) return `À partir du ${frenchDay(firstDay)}`;
  if (lastDay === firstDay) return `Le ${frenchDay(firstDay)}`;
  return `Du ${frenchDay(firstDay)} au ${frenchDay(lastDay)}`;
}

type Choice = { id: string; name: string };

export function OpeningSlotsPage(props: {
  organisation: SettingsOrganisation;
  slots: OpeningSlotRow[];
  agents: AgentChoice[];
  places: Choice[];
  filter: { agentId?: string; placeId?: string };
  typeNames: Map<string, string>;
  /** Agents whose slots the caller may change. */
  manageable: Set<string>;
}) {
  const { organisation, slots } = props;
  const byAgent = new Map<string, OpeningSlotRow[]>();
  for (const slot of slots) byAgent.set(slot.agentId, [...(byAgent.get(slot.agentId) ?? []), slot]);
  return (
    <>
      <SettingsHeader organisation={organisation} section="plages" title="Plages d’ouverture" />
      {props.manageable.size > 0 && (
        <AddLink href={settingsPath('plages/nouvelle', organisation.slug, { agent: props.filter.agentId })}>
          Ajouter une plage d’ouverture
        </AddLink>
      )}
      <FilterForm
        action="/rendez-vous/parametres/plages"
        organisation={organisation}
        values={{ agent: props.filter.agentId, lieu: props.filter.placeId }}
        filters={[
          {
            name: 'agent',
            label: 'Agent',
            placeholder: 'Tous les agents',
            options: nameOptions(props.agents),
          },
          { name: 'lieu', label: 'Lieu', placeholder: 'Tous les lieux', options: nameOptions(props.places) },
        ]}
      />
      {slots.length === 0 ? (
        <p>
          Aucune plage d’ouverture{' '}
          {props.filter.agentId || props.filter.placeId ? 'pour ce choix' : 'pour l’instant'}.
        </p>
      ) : (
        [...byAgent].map(([agentId, agentSlots]) => (
          <section>
            <h2 class="fr-h4">{agentSlots[0]!.agentName}</h2>
            <Table
              id={`plages-${agentId}`}
              caption={`Plages d’ouverture de ${agentSlots[0]!.agentName}`}
              captionHidden
              headers={['Jours', 'Horaires', 'Lieu', 'Période', 'Répétition', 'Motifs', '']}
            >
              {agentSlots.map((s) => (
                <tr>
                  <td class="fr-cell--multiline">{weekdaysList(s.weekdays)}</td>
                  <td>
                    {frenchTime(s.startTime)} – {frenchTime(s.endTime)}
                  </td>
                  <td class="fr-cell--multiline">{s.placeName}</td>
                  <td class="fr-cell--multiline">
                    {periodText(s.firstDay, s.lastDay)}
                    {s.openOnHolidays && <p class="fr-text--xs fr-mb-0">Ouverte les jours fériés</p>}
                  </td>
                  <td>{everyWeeksText(s.everyWeeks)}</td>
                  <td class="fr-cell--multiline">
                    {s.appointmentTypeIds
                      .map((id) => props.typeNames.get(id) ?? '')
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                  <td>
                    {/* The label names the slot for screen readers: a visually hidden span would sit
                        outside the table's scrolling box and widen the whole page. */}
                    <a
                      href={openingSlotPath(s.id)}
                      aria-label={`${props.manageable.has(s.agentId) ? 'Modifier' : 'Voir'} la plage du ${weekdaysList(s.weekdays)} ${frenchTime(s.startTime)} – ${frenchTime(s.endTime)}`}
                    >
                      {props.manageable.has(s.agentId) ? 'Modifier' : 'Voir'}
                    </a>
                  </td>
                </tr>
              ))}
            </Table>
          </section>
        ))
      )}
    </>
  );
}

export function openingSlotFormValues(slot: OpeningSlotRow): Record<string, string> {
  return {
    agentId: slot.agentId,
    placeId: slot.placeId,
    title: slot.title ?? '',
    weekdays: slot.weekdays.join(','),
    startTime: shortTime(slot.startTime),
    endTime: shortTime(slot.endTime),
    firstDay: slot.firstDay,
    lastDay: slot.lastDay ?? '',
    everyWeeks: String(slot.everyWeeks),
    openOnHolidays: slot.openOnHolidays ? 'on' : '',
    appointmentTypeIds: slot.appointmentTypeIds.join(','),
  };
}

export function OpeningSlotFormPage(props: {
  organisation: SettingsOrganisation;
  form: FormState;
  csrfToken: string;
  action: string;
  agents: AgentChoice[];
  places: Choice[];
  appointmentTypes: { id: string; name: string; category: string | null }[];
  slot?: OpeningSlotRow;
  /** False: the caller may only look at this slot (another agent's, and they are not an admin). */
  mayEdit: boolean;
}) {
  const { organisation, form, slot } = props;
  const labels = openingSlotLabels;
  const title = slot
    ? `Plage du ${weekdaysList(slot.weekdays)}, ${frenchTime(slot.startTime)} – ${frenchTime(slot.endTime)}`
    : 'Ajouter une plage d’ouverture';
  const missing =
    props.places.length === 0 || props.appointmentTypes.length === 0 ? (
      <div class="fr-alert fr-alert--warning fr-mb-3w">
        <p>
          Une plage d’ouverture a besoin d’au moins un lieu et d’un motif.{' '}
          {organisation.mayConfigure ? (
            <>
              Ajoutez d’abord <a href={settingsPath('lieux', organisation.slug)}>un lieu</a> et{' '}
              <a href={settingsPath('motifs', organisation.slug)}>un motif</a>.
            </>
          ) : (
            'Demandez à un administrateur de l’organisation de les ajouter.'
          )}
        </p>
      </div>
    ) : null;
  if (slot && !props.mayEdit) {
    return (
      <>
        <SettingsHeader organisation={organisation} section="plages" current={title} title={title} />
        <p>
          {slot.agentName} reçoit à {slot.placeName}, le {weekdaysList(slot.weekdays)} de{' '}
          {frenchTime(slot.startTime)} à {frenchTime(slot.endTime)},{' '}
          {everyWeeksText(slot.everyWeeks).toLowerCase()},{' '}
          {periodText(slot.firstDay, slot.lastDay).toLowerCase()}.
        </p>
        <p>Seuls l’agent et les administrateurs de l’organisation peuvent modifier cette plage.</p>
      </>
    );
  }
  return (
    <>
      <SettingsHeader organisation={organisation} section="plages" current={title} title={title} />
      {missing}
      <FormColumn form={form} labels={labels}>
        <PostForm action={props.action} csrfToken={props.csrfToken}>
          <FormSection title="Qui et où">
            <Select
              form={form}
              name="agentId"
              label={labels.agentId}
              required
              placeholder="Choisir un agent"
              options={nameOptions(props.agents)}
            />
            <Select
              form={form}
              name="placeId"
              label={labels.placeId}
              required
              placeholder="Choisir un lieu"
              options={nameOptions(props.places)}
            />
            <Field
              form={form}
              name="title"
              label="Intitulé (facultatif)"
              type="text"
              hint="Par exemple : Permanence RSA"
            />
          </FormSection>
          <FormSection title="Quand">
            <Choices
              form={form}
              kind="checkbox"
              name="weekdays"
              label={labels.weekdays}
              required
              inline
              options={weekdayOptions}
            />
            <FieldGrid
              form={form}
              fields={[
                {
                  name: 'startTime',
                  label: labels.startTime,
                  type: 'time',
                  required: true,
                  hint: 'Par exemple 09:00',
                },
                {
                  name: 'endTime',
                  label: labels.endTime,
                  type: 'time',
                  required: true,
                  hint: 'Par exemple 12:00',
                },
                { name: 'firstDay', label: labels.firstDay, type: 'date', required: true },
                {
                  name: 'lastDay',
                  label: 'Dernier jour (facultatif)',
                  type: 'date',
                  hint: 'Vide : sans date de fin',
                },
              ]}
            />
            <Select
              form={form}
              name="everyWeeks"
              label={labels.everyWeeks}
              required
              options={everyWeeksOptions}
            />
            <Checkbox
              form={form}
              name="openOnHolidays"
              label="Ouverte les jours fériés"
              hint="Sinon, la plage est fermée les jours fériés."
            />
          </FormSection>
          <FormSection title="Pour quels motifs">
            <Choices
              form={form}
              kind="checkbox"
              name="appointmentTypeIds"
              label={labels.appointmentTypeIds}
              required
              hint="Les motifs que l’on peut réserver pendant cette plage."
              options={props.appointmentTypes.map((t) => ({
                value: t.id,
                label: t.category ? `${t.name} (${t.category})` : t.name,
              }))}
            />
          </FormSection>
          <SubmitButton>{slot ? 'Enregistrer les modifications' : 'Ajouter la plage'}</SubmitButton>
        </PostForm>
        {slot && (
          <SecondaryAction action={`${openingSlotPath(slot.id)}/suppression`} csrfToken={props.csrfToken}>
            Supprimer cette plage
          </SecondaryAction>
        )}
      </FormColumn>
    </>
  );
}
