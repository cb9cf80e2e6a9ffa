import { type FormState, Input, PostForm, Select, SubmitButton, Table } from '../../../web/components.tsx';
import { Checkbox, Choices, Textarea } from '../../../web/fields.tsx';
import { type LocationKind, locationLabels } from '../../types.ts';
import type { AppointmentTypeRow } from '../appointment-types.repository.ts';
import type { SettingsOrganisation } from '../organisation-context.service.ts';
import { appointmentTypeLabels, bookableByLabels, bookableByValues, locationKinds } from '../schemas.ts';
import {
  AddLink,
  ArchivalBadge,
  FormColumn,
  FormSection,
  SecondaryAction,
  SettingsHeader,
  settingsPath,
} from './parts.tsx';

export function appointmentTypePath(id: string): string {
  return `/rendez-vous/parametres/motifs/${encodeURIComponent(id)}`;
}

/** « 30 min », « 1 h », « 1 h 30 ». */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

const bookableShort: Record<AppointmentTypeRow['bookableBy'], string> = {
  agents: 'Agents',
  invited: 'Personnes invitées',
  everyone: 'Tout le monde',
};

export function AppointmentTypesPage(props: {
  organisation: SettingsOrganisation;
  types: AppointmentTypeRow[];
}) {
  const { organisation } = props;
  return (
    <>
      <SettingsHeader organisation={organisation} section="motifs" title="Motifs de rendez-vous" />
      {organisation.mayConfigure && (
        <AddLink href={settingsPath('motifs/nouveau', organisation.slug)}>Ajouter un motif</AddLink>
      )}
      {props.types.length === 0 ? (
        <p>Aucun motif pour l’instant.</p>
      ) : (
        <Table
          id="motifs"
          caption={`${props.types.length} motif${props.types.length > 1 ? 's' : ''}`}
          headers={['Motif', 'Catégorie', 'Durée', 'Lieu', 'Réservable par', 'Forme', 'État']}
        >
          {props.types.map((t) => (
            <tr>
              <td>
                <a href={appointmentTypePath(t.id)}>{t.name}</a>
              </td>
              <td>{t.category ?? '—'}</td>
              <td>{formatDuration(t.durationMinutes)}</td>
              <td>{locationLabels[t.location]}</td>
              <td>{bookableShort[t.bookableBy]}</td>
              <td>{t.collective ? `Collectif (${t.capacity} places)` : 'Individuel'}</td>
              <td>
                <ArchivalBadge archived={Boolean(t.archivedAt)} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

/** Minutes shown as hours the French way: 30 → « 0,5 », 1440 → « 24 ». */
function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100).replace('.', ',');
}

export function appointmentTypeFormValues(t: AppointmentTypeRow): Record<string, string> {
  return {
    name: t.name,
    category: t.category ?? '',
    durationMinutes: String(t.durationMinutes),
    location: t.location,
    minBookingDelayHours: hours(t.minBookingDelayMinutes),
    maxBookingDelayDays: String(t.maxBookingDelayDays),
    bookableBy: t.bookableBy,
    collective: t.collective ? 'collectif' : 'individuel',
    capacity: t.capacity === null ? '' : String(t.capacity),
    followUpOnly: t.followUpOnly ? 'on' : '',
    bufferMinutes: String(t.bufferMinutes),
    instructions: t.instructions ?? '',
    changeLimitHours: String(t.changeLimitHours),
  };
}

/** A new type starts with the table's defaults. */
export const newAppointmentTypeValues: Record<string, string> = {
  durationMinutes: '30',
  location: 'sur_place',
  minBookingDelayHours: '24',
  maxBookingDelayDays: '60',
  bookableBy: 'agents',
  collective: 'individuel',
  bufferMinutes: '0',
  changeLimitHours: '24',
};

export function AppointmentTypeFormPage(props: {
  organisation: SettingsOrganisation;
  form: FormState;
  csrfToken: string;
  action: string;
  appointmentType?: AppointmentTypeRow;
}) {
  const { organisation, form, appointmentType } = props;
  const title = appointmentType ? appointmentType.name : 'Ajouter un motif';
  const labels = appointmentTypeLabels;
  const disabled = !organisation.mayConfigure;
  return (
    <>
      <SettingsHeader organisation={organisation} section="motifs" current={title} title={title} />
      {appointmentType?.archivedAt && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>Ce motif est archivé : il ne peut plus être réservé.</p>
        </div>
      )}
      {disabled && appointmentType ? (
        <AppointmentTypeSummary appointmentType={appointmentType} />
      ) : (
        <FormColumn form={form} labels={labels}>
          <PostForm action={props.action} csrfToken={props.csrfToken}>
            <FormSection title="Le motif">
              <Input
                form={form}
                name="name"
                label={labels.name}
                required
                hint="Par exemple : Premier rendez-vous d’orientation RSA"
              />
              <Input
                form={form}
                name="category"
                label={labels.category}
                hint="Facultatif. Regroupe les motifs dans les listes, par exemple « RSA »."
              />
              <Input
                form={form}
                name="durationMinutes"
                label="Durée (en minutes)"
                required
                inputMode="numeric"
                hint="Entre 5 et 480 minutes (8 heures)."
              />
              <Select
                form={form}
                name="location"
                label={labels.location}
                required
                options={locationKinds.map((k) => ({ value: k, label: locationLabels[k as LocationKind] }))}
              />
              <Input
                form={form}
                name="bufferMinutes"
                label="Temps de battement après le rendez-vous (en minutes)"
                inputMode="numeric"
                hint="Entre 0 et 240 minutes : le temps de noter le dossier avant le rendez-vous suivant."
              />
            </FormSection>
            <FormSection title="Réservation">
              <Choices
                form={form}
                kind="radio"
                name="bookableBy"
                label={labels.bookableBy}
                required
                options={bookableByValues.map((v) => ({ value: v, label: bookableByLabels[v] }))}
              />
              <Input
                form={form}
                name="minBookingDelayHours"
                label="Délai minimal avant le rendez-vous (en heures)"
                required
                hint="Combien d’heures à l’avance la personne doit réserver : 0 pour jusqu’au dernier moment, 24 pour la veille, 0,5 pour une demi-heure. Les agents ne sont pas limités."
              />
              <Input
                form={form}
                name="maxBookingDelayDays"
                label="Délai maximal de réservation (en jours)"
                required
                inputMode="numeric"
                hint="Jusqu’à combien de jours à l’avance on peut réserver : entre 1 et 366."
              />
              <Checkbox
                form={form}
                name="followUpOnly"
                label="Rendez-vous de suivi"
                hint="Seuls les référents de la personne lui sont proposés."
              />
              <Input
                form={form}
                name="changeLimitHours"
                label="La personne peut annuler ou déplacer son rendez-vous jusqu’à (en heures avant)"
                required
                inputMode="numeric"
                hint="Entre 0 et 720 heures, par exemple 24 : jusqu’à la veille à la même heure."
              />
            </FormSection>
            <FormSection title="Individuel ou collectif">
              <Choices
                form={form}
                kind="radio"
                name="collective"
                label={labels.collective}
                required
                options={[
                  { value: 'individuel', label: 'Individuel', hint: 'Une personne par rendez-vous.' },
                  {
                    value: 'collectif',
                    label: 'Collectif',
                    hint: 'Un agent ouvre une séance ; plusieurs personnes s’y inscrivent.',
                  },
                ]}
              />
              <Input
                form={form}
                name="capacity"
                label="Nombre de places d’une séance collective"
                inputMode="numeric"
                hint="Pour un motif collectif seulement : entre 2 et 500."
              />
            </FormSection>
            <FormSection title="Informations pour la personne">
              <Textarea
                form={form}
                name="instructions"
                label={labels.instructions}
                hint="Montrées à la confirmation et dans les messages : pièces à apporter, accès…"
                rows={4}
              />
            </FormSection>
            <SubmitButton>
              {appointmentType ? 'Enregistrer les modifications' : 'Ajouter le motif'}
            </SubmitButton>
          </PostForm>
          {appointmentType && !disabled && (
            <SecondaryAction
              action={`${appointmentTypePath(appointmentType.id)}/${appointmentType.archivedAt ? 'restauration' : 'archivage'}`}
              csrfToken={props.csrfToken}
            >
              {appointmentType.archivedAt ? 'Réactiver ce motif' : 'Archiver ce motif'}
            </SecondaryAction>
          )}
        </FormColumn>
      )}
    </>
  );
}

function AppointmentTypeSummary({ appointmentType: t }: { appointmentType: AppointmentTypeRow }) {
  const rows: [string, string][] = [
    ['Catégorie', t.category ?? '—'],
    ['Durée', formatDuration(t.durationMinutes)],
    ['Lieu du rendez-vous', locationLabels[t.location]],
    ['Temps de battement', formatDuration(t.bufferMinutes)],
    ['Qui peut prendre rendez-vous', bookableByLabels[t.bookableBy]],
    ['Délai minimal', `${hours(t.minBookingDelayMinutes)} h avant`],
    ['Délai maximal', `${t.maxBookingDelayDays} jours`],
    ['Suivi', t.followUpOnly ? 'Référents de la personne seulement' : 'Tous les agents'],
    ['Forme', t.collective ? `Collectif, ${t.capacity} places` : 'Individuel'],
    ['Modification par la personne', `Jusqu’à ${t.changeLimitHours} h avant`],
    ['Informations pour la personne', t.instructions ?? '—'],
  ];
  return (
    <>
      <p>Seuls les administrateurs de l’organisation peuvent modifier ce motif. Voici ses réglages.</p>
      <dl>
        {rows.map(([label, value]) => (
          <>
            <dt class="fr-text--bold">{label}</dt>
            <dd class="fr-mb-2w">{value}</dd>
          </>
        ))}
      </dl>
    </>
  );
}
