import {
  ErrorSummary,
  type FormState,
  fieldId,
  Input,
  PostForm,
  Select,
} from '../../../../platform/web/components.tsx';
import type { Beneficiary } from '../../access.ts';
import type { EditChoices } from '../edit.service.ts';
import { editLabels } from '../schemas.ts';
import { beneficiaryPath, personName, RsaBreadcrumb } from './parts.tsx';

const DATE_HINT = 'Format attendu : jj/mm/aaaa.';

export function EditPage(props: {
  beneficiary: Beneficiary;
  choices: EditChoices;
  form: FormState;
  csrfToken: string;
}) {
  const { beneficiary: b, choices, form } = props;
  const name = personName(b);
  const field = (n: string, extra: Partial<Parameters<typeof Input>[0]> = {}) => (
    <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
      <Input form={form} name={n} label={editLabels[n]!} {...extra} />
    </div>
  );
  return (
    <>
      <RsaBreadcrumb items={[{ label: name, href: beneficiaryPath(b.id) }, { label: 'Modifier' }]} />
      <h1>Modifier le dossier de {name}</h1>
      <ErrorSummary form={form} labels={editLabels} />
      <PostForm action={beneficiaryPath(b.id, '/modifier')} csrfToken={props.csrfToken}>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend fr-h5">Identité</legend>
          {field('nom', { required: true, autocomplete: 'off' })}
          {field('prenom', { required: true, autocomplete: 'off' })}
          {field('naissance', { type: 'date', hint: DATE_HINT })}
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Select
              form={form}
              name="role"
              label={editLabels.role!}
              options={[
                { value: 'demandeur', label: 'Demandeur' },
                { value: 'conjoint', label: 'Conjoint' },
              ]}
            />
          </div>
          {field('allocataire', { inputMode: 'numeric', spellcheck: false })}
          {choices.nirEnabled &&
            field('nir', {
              inputMode: 'numeric',
              spellcheck: false,
              hint: '13 chiffres, ou 15 avec la clé. Enregistré parce que le département l’a décidé.',
            })}
        </fieldset>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend fr-h5">Contact et adresse</legend>
          {field('telephone', { type: 'tel', inputMode: 'tel', hint: 'Par exemple 06 12 34 56 78.' })}
          {field('courriel', {
            type: 'email',
            spellcheck: false,
            hint: 'Par exemple prenom.nom@exemple.fr.',
          })}
          <div class="fr-fieldset__element">
            <Input form={form} name="adresse" label={editLabels.adresse!} hint="Numéro et voie." />
          </div>
          {field('code_postal', { inputMode: 'numeric', hint: '5 chiffres, par exemple 83500.' })}
          {field('commune', { hint: 'Son nom ou son code INSEE.' })}
        </fieldset>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend fr-h5">Suivi</legend>
          {field('ouverture', { type: 'date', hint: DATE_HINT })}
          {field('etiquettes', { hint: 'Séparées par des virgules, par exemple : jeune, sans voiture.' })}
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <Select
              form={form}
              name="organisation"
              label={editLabels.organisation!}
              hint="Un service du même département."
              options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
          </div>
          <div class="fr-fieldset__element fr-col-12 fr-col-md-6">
            <ReferentSelect form={form} choices={choices} />
          </div>
        </fieldset>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Enregistrer
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={beneficiaryPath(b.id)}>
              Annuler
            </a>
          </li>
        </ul>
      </PostForm>
    </>
  );
}

/** Agents grouped by organisation, so the choice stays right when the organisation changes too. */
function ReferentSelect({ form, choices }: { form: FormState; choices: EditChoices }) {
  const id = fieldId('referent');
  const error = form.errors.referent;
  const current = form.values.referent ?? '';
  const hint = choices.suggestedReferentId
    ? 'Proposé d’après la sectorisation de la commune ; choisissez un agent de l’organisation retenue.'
    : 'Un agent de l’organisation retenue.';
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {editLabels.referent}
        <span class="fr-hint-text" id={`${id}-aide`}>
          {hint}
        </span>
      </label>
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={id}
        name="referent"
        aria-describedby={[`${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ')}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="" selected={current === ''}>
          Aucun pour l’instant
        </option>
        {choices.organisations.map((o) => {
          const agents = choices.agents.filter((a) => a.organisationId === o.id);
          if (!agents.length) return null;
          return (
            <optgroup label={o.name}>
              {agents.map((a) => (
                <option value={a.agentId} selected={current === a.agentId}>
                  {a.firstName} {a.lastName}
                  {a.agentId === choices.suggestedReferentId ? ' (sectorisation)' : ''}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      {error && (
        <p class="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}
