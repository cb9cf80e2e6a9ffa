import { formatWhen } from '../../../../platform/scheduling/notifications/message.ts';
import {
  Breadcrumb,
  ErrorSummary,
  type FormState,
  PostForm,
  Select,
  SubmitButton,
} from '../../../../platform/web/components.tsx';
import type { Beneficiary } from '../../access.ts';
import { statusLabels } from '../../status.ts';
import type { ConvocationSlot } from '../convocation.service.ts';
import { channelChoiceLabels } from '../reach.ts';
import { slotValue } from '../schemas.ts';

const labels = { creneau: 'Créneau', canal: 'Envoyer la convocation par' };

/**
 * « Convoquer »: the agent picks one of the next free orientation slots and how the person is told.
 * After « ce créneau vient d’être pris », the page comes back with the following slots.
 */
export function ConvocationPage(props: {
  beneficiary: Beneficiary;
  slots: ConvocationSlot[];
  blocker: string | null;
  form: FormState;
  csrfToken: string;
  taken?: boolean;
}) {
  const { beneficiary, slots, form } = props;
  const personHref = `/rsa/beneficiaires/${beneficiary.id}`;
  const name = `${beneficiary.firstName} ${beneficiary.lastName}`;
  const slotError = form.errors.creneau;
  return (
    <>
      <Breadcrumb
        items={[{ label: 'RSA', href: '/rsa' }, { label: name, href: personHref }, { label: 'Convoquer' }]}
      />
      <h1>Convoquer {name}</h1>
      <p>
        Statut : {statusLabels[beneficiary.status]}.{' '}
        {beneficiary.communeName ? `Commune : ${beneficiary.communeName}.` : ''} Le rendez-vous est réservé
        dans l’agenda, puis la convocation part avec la date, l’heure et le lieu.
      </p>
      {props.taken && (
        <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Ce créneau vient d’être pris</h2>
          <p>Choisissez l’un des créneaux suivants.</p>
        </div>
      )}
      {props.blocker ? (
        <div class="fr-alert fr-alert--info fr-mb-4w">
          <p>{props.blocker}</p>
        </div>
      ) : slots.length === 0 ? (
        <div class="fr-alert fr-alert--warning fr-mb-4w">
          <h2 class="fr-alert__title">Aucun créneau libre</h2>
          <p>
            Aucun créneau d’orientation RSA n’est libre pour cette personne. Ouvrez des plages dans l’agenda
            (motifs de la catégorie « Orientation RSA »), puis revenez ici.
          </p>
        </div>
      ) : (
        <PostForm action={`/rsa/beneficiaires/${beneficiary.id}/convoquer`} csrfToken={props.csrfToken}>
          <ErrorSummary form={form} labels={labels} />
          <fieldset
            class={`fr-fieldset${slotError ? ' fr-fieldset--error' : ''}`}
            id="champ-creneau"
            aria-labelledby="champ-creneau-legende"
          >
            <legend class="fr-fieldset__legend" id="champ-creneau-legende">
              Créneau (les prochains libres)
            </legend>
            {slots.map((slot, index) => {
              const value = slotValue(slot);
              const id = `creneau-${index}`;
              return (
                <div class="fr-fieldset__element">
                  <div class="fr-radio-group">
                    <input
                      type="radio"
                      id={id}
                      name="creneau"
                      value={value}
                      checked={form.values.creneau === value}
                    />
                    <label class="fr-label" for={id}>
                      {formatWhen(slot.startsAt)}
                      <span class="fr-hint-text">
                        {slot.typeName} – {slot.placeName}, {slot.placeAddress}
                      </span>
                    </label>
                  </div>
                </div>
              );
            })}
            {slotError && (
              <div class="fr-messages-group" aria-live="polite">
                <p class="fr-message fr-message--error" id="champ-creneau-erreur">
                  {slotError}
                </p>
              </div>
            )}
          </fieldset>
          <Select
            form={form}
            name="canal"
            label={labels.canal}
            options={Object.entries(channelChoiceLabels).map(([value, label]) => ({ value, label }))}
          />
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <SubmitButton>Réserver et envoyer la convocation</SubmitButton>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href={personHref}>
                Annuler
              </a>
            </li>
          </ul>
        </PostForm>
      )}
    </>
  );
}
