import type { Commune } from '../../../geo/administrative.ts';
import { type FormState, Input, PostForm, SubmitButton, Table } from '../../../web/components.tsx';
import { Choices, Field, Textarea } from '../../../web/fields.tsx';
import { communeLabel } from '../communes.ts';
import type { SettingsOrganisation } from '../organisation-context.service.ts';
import type { PlaceRow } from '../places.repository.ts';
import { placeLabels } from '../schemas.ts';
import {
  AddLink,
  ArchivalBadge,
  FormColumn,
  SecondaryAction,
  SettingsHeader,
  settingsPath,
} from './parts.tsx';

export function placePath(id: string): string {
  return `/rendez-vous/parametres/lieux/${encodeURIComponent(id)}`;
}

export function PlacesPage(props: {
  organisation: SettingsOrganisation;
  places: (PlaceRow & { openingSlots: number })[];
}) {
  const { organisation } = props;
  return (
    <>
      <SettingsHeader organisation={organisation} section="lieux" title="Lieux" />
      {organisation.mayConfigure && (
        <AddLink href={settingsPath('lieux/nouveau', organisation.slug)}>Ajouter un lieu</AddLink>
      )}
      {props.places.length === 0 ? (
        <p>Aucun lieu pour l’instant.</p>
      ) : (
        <Table
          id="lieux"
          caption={`${props.places.length} lieu${props.places.length > 1 ? 'x' : ''}`}
          headers={['Lieu', 'Adresse', 'Plages d’ouverture', 'État']}
        >
          {props.places.map((p) => (
            <tr>
              <td>
                <a href={placePath(p.id)}>{p.name}</a>
              </td>
              <td class="fr-cell--multiline">
                {p.address}, {communeLabel(p.communeCode)}
              </td>
              <td>{p.openingSlots}</td>
              <td>
                <ArchivalBadge archived={Boolean(p.archivedAt)} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

/** The values a place's form starts with. */
export function placeFormValues(place: PlaceRow): Record<string, string> {
  const decimal = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  return {
    name: place.name,
    address: place.address,
    commune: communeLabel(place.communeCode),
    latitude: decimal(place.latitude),
    longitude: decimal(place.longitude),
    phone: place.phone ?? '',
    accessibilityNotes: place.accessibilityNotes ?? '',
  };
}

export function PlaceFormPage(props: {
  organisation: SettingsOrganisation;
  form: FormState;
  csrfToken: string;
  action: string;
  /** Communes matching an ambiguous entry, offered as radio buttons. */
  communeChoices: Commune[];
  place?: PlaceRow;
}) {
  const { organisation, form, place } = props;
  const title = place ? place.name : 'Ajouter un lieu';
  const readOnly = !organisation.mayConfigure;
  return (
    <>
      <SettingsHeader organisation={organisation} section="lieux" current={title} title={title} />
      {place?.archivedAt && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>Ce lieu est archivé : il n’est plus proposé pour de nouvelles plages d’ouverture.</p>
        </div>
      )}
      {readOnly ? (
        place && <PlaceSummary place={place} />
      ) : (
        <FormColumn form={form} labels={placeLabels}>
          <PostForm action={props.action} csrfToken={props.csrfToken}>
            <Input
              form={form}
              name="name"
              label={placeLabels.name}
              required
              hint="Par exemple : Maison des solidarités de La Seyne"
            />
            <Input
              form={form}
              name="address"
              label={placeLabels.address}
              required
              autocomplete="street-address"
            />
            <Input
              form={form}
              name="commune"
              label={placeLabels.commune}
              required
              hint="Nom, code postal ou code INSEE, par exemple « La Seyne-sur-Mer » ou « 83500 »."
            />
            {props.communeChoices.length > 0 && (
              <Choices
                form={form}
                kind="radio"
                name="communeCode"
                label="Communes correspondantes"
                hint="Choisissez la commune du lieu, puis enregistrez."
                options={props.communeChoices.map((c) => ({
                  value: c.code,
                  label: `${c.name} (${c.postalCodes.join(', ')})`,
                  hint: `Code INSEE ${c.code} – département ${c.departement}`,
                }))}
              />
            )}
            <fieldset class="fr-fieldset" aria-labelledby="coordonnees-legende">
              <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="coordonnees-legende">
                Coordonnées géographiques (facultatif)
                <span class="fr-hint-text">
                  Elles servent à proposer le lieu le plus proche. Saisissez les deux ou aucune, en degrés
                  décimaux.
                </span>
              </legend>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Field
                  form={form}
                  name="latitude"
                  label={placeLabels.latitude}
                  type="text"
                  inputMode="decimal"
                  hint="Entre -90 et 90"
                />
              </div>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Field
                  form={form}
                  name="longitude"
                  label={placeLabels.longitude}
                  type="text"
                  inputMode="decimal"
                  hint="Entre -180 et 180"
                />
              </div>
            </fieldset>
            <Field
              form={form}
              name="phone"
              label={placeLabels.phone}
              type="tel"
              inputMode="tel"
              autocomplete="tel"
            />
            <Textarea
              form={form}
              name="accessibilityNotes"
              label={placeLabels.accessibilityNotes}
              hint="Accès en fauteuil roulant, ascenseur, boucle magnétique, stationnement…"
            />
            <SubmitButton>{place ? 'Enregistrer les modifications' : 'Ajouter le lieu'}</SubmitButton>
          </PostForm>
          {place && (
            <SecondaryAction
              action={`${placePath(place.id)}/${place.archivedAt ? 'restauration' : 'archivage'}`}
              csrfToken={props.csrfToken}
            >
              {place.archivedAt ? 'Réactiver ce lieu' : 'Archiver ce lieu'}
            </SecondaryAction>
          )}
        </FormColumn>
      )}
    </>
  );
}

function PlaceSummary({ place }: { place: PlaceRow }) {
  return (
    <dl>
      <dt class="fr-text--bold">Adresse</dt>
      <dd>
        {place.address}, {communeLabel(place.communeCode)}
      </dd>
      {place.phone && (
        <>
          <dt class="fr-text--bold">Téléphone</dt>
          <dd>{place.phone}</dd>
        </>
      )}
      {place.accessibilityNotes && (
        <>
          <dt class="fr-text--bold">Accessibilité</dt>
          <dd>{place.accessibilityNotes}</dd>
        </>
      )}
    </dl>
  );
}
