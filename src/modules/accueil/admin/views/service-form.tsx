import { type FormState, Input, PostForm, Select } from '../../../../platform/web/components.tsx';
import { FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import type { FlowDefinition } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';
import { OPTION_DIGITS } from '../menu.edit.ts';
import {
  type AppointmentTypeChoice,
  OVERFLOW_CHOICES,
  OVERFLOW_LABELS,
  RING_SECONDS,
  SMS_MAX,
} from '../service.edit.ts';
import { ConfigHeader, FormButtons, paths, VersionField } from './common.tsx';
import { HoursFields, hoursLabels } from './hours-form.tsx';

type Props = {
  line: Pick<Line, 'id' | 'name'>;
  flow: FlowDefinition;
  form: FormState;
  version: string;
  csrfToken: string;
  appointmentTypes: AppointmentTypeChoice[];
  texts: Record<string, string>;
};

export const serviceLabels: Record<string, string> = {
  cle: 'Clé du service',
  nom: 'Nom du service',
  transfert: 'Numéro de transfert',
  sonnerie: 'Durée de sonnerie',
  'debordement-1': 'Première proposition',
  'debordement-2': 'Deuxième proposition',
  'debordement-3': 'Troisième proposition',
  'message-ferme': 'Message quand le service est fermé',
  sms: 'Texte du SMS',
  'rdv-commune': 'Commune du rendez-vous',
  'rdv-motif': 'Motif du rendez-vous',
  'parent-menu': 'Menu qui y mène',
  'parent-touche': 'Touche qui y mène',
  ...hoursLabels,
};

const ordinal = ['Première', 'Deuxième', 'Troisième'];

function ServiceFields(props: Props) {
  const closedPrompt = props.form.values['message-ferme'] ?? '';
  return (
    <>
      <Input form={props.form} name="nom" label="Nom du service" required />
      <Input
        form={props.form}
        name="transfert"
        label="Numéro de transfert"
        hint="Le numéro du secrétariat (04 94 12 34 56 ou +33 4 94 12 34 56) ou une adresse SIP (sip:aspi@10.0.0.5)."
        type="tel"
        required
        spellcheck={false}
      />
      <Input
        form={props.form}
        name="sonnerie"
        label="Durée de sonnerie, en secondes"
        hint={`Passé ce délai sans réponse, l’appelant entend les propositions ci-dessous. De ${RING_SECONDS.min} à ${RING_SECONDS.max} secondes.`}
        inputMode="numeric"
        required
      />
      <fieldset class="fr-fieldset" aria-labelledby="debordement-legende">
        <legend class="fr-fieldset__legend" id="debordement-legende">
          Si personne ne répond ou si le service est fermé
          <span class="fr-hint-text">
            Propositions faites à l’appelant, dans cet ordre (touches 1, 2, 3). Sans proposition, l’appel se
            termine.
          </span>
        </legend>
        {OVERFLOW_CHOICES.map((_, i) => (
          <div class="fr-fieldset__element">
            <Select
              form={props.form}
              name={`debordement-${i + 1}`}
              label={`${ordinal[i]} proposition`}
              options={OVERFLOW_CHOICES.map((c) => ({ value: c, label: OVERFLOW_LABELS[c] }))}
              placeholder="Aucune"
            />
          </div>
        ))}
      </fieldset>
      <Input
        form={props.form}
        name="message-ferme"
        label="Message quand le service est fermé (clé)"
        hint={
          props.texts[closedPrompt]
            ? `Texte actuel : « ${props.texts[closedPrompt]} »`
            : 'La clé d’un message de la page des messages, par exemple « aspi-ferme » : les horaires du service.'
        }
        required
        spellcheck={false}
      />
      <Textarea
        form={props.form}
        name="sms"
        label="Texte du SMS"
        hint={`Adresse, horaires, pièces à apporter : ${SMS_MAX} caractères au plus. Le lien de rendez-vous est ajouté à la fin.`}
        rows={4}
      />
      <fieldset class="fr-fieldset" aria-labelledby="rdv-legende">
        <legend class="fr-fieldset__legend" id="rdv-legende">
          Lien de prise de rendez-vous dans le SMS
          <span class="fr-hint-text">Facultatif : sans commune, le SMS n’a pas de lien.</span>
        </legend>
        <div class="fr-fieldset__element">
          <Input
            form={props.form}
            name="rdv-commune"
            label="Commune (code INSEE)"
            hint="Par exemple 83126 pour La Seyne-sur-Mer : l’appelant choisit ensuite un lieu proche."
            inputMode="text"
            spellcheck={false}
          />
        </div>
        <div class="fr-fieldset__element">
          <Select
            form={props.form}
            name="rdv-motif"
            label="Motif de rendez-vous"
            options={props.appointmentTypes.map((t) => ({ value: t.id, label: t.name }))}
            placeholder="Au choix de l’appelant"
          />
        </div>
      </fieldset>
    </>
  );
}

export function ServiceFormPage(props: Props & { serviceKey: string; serviceName: string }) {
  return (
    <>
      <ConfigHeader
        line={props.line}
        title={`Service ${props.serviceName}`}
        lead={`Clé : ${props.serviceKey}`}
      />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={serviceLabels} />
          <PostForm action={paths.service(props.line.id, props.serviceKey)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <ServiceFields {...props} />
            <FormButtons lineId={props.line.id} />
          </PostForm>
        </div>
      </div>
    </>
  );
}

export function NewServicePage(props: Props) {
  return (
    <>
      <ConfigHeader line={props.line} title="Ajouter un service" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={serviceLabels} />
          <PostForm action={paths.newService(props.line.id)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <Input
              form={props.form}
              name="cle"
              label="Clé du service"
              hint="Lettres minuscules, chiffres et tirets, par exemple « pmi ». Elle sert aux statistiques et ne change plus ensuite."
              required
              spellcheck={false}
            />
            <ServiceFields {...props} />
            <fieldset class="fr-fieldset" aria-labelledby="parent-legende">
              <legend class="fr-fieldset__legend" id="parent-legende">
                Touche qui mène à ce service
                <span class="fr-hint-text">
                  Facultatif : vous pourrez aussi le proposer depuis un menu ensuite.
                </span>
              </legend>
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <Select
                  form={props.form}
                  name="parent-menu"
                  label="Menu"
                  options={props.flow.menus.map((m) => ({ value: m.key, label: m.key }))}
                  placeholder="Aucun"
                />
              </div>
              <div class="fr-fieldset__element fr-fieldset__element--inline">
                <Select
                  form={props.form}
                  name="parent-touche"
                  label="Touche"
                  options={OPTION_DIGITS.map((d) => ({ value: d, label: `Touche ${d}` }))}
                  placeholder="Aucune"
                />
              </div>
            </fieldset>
            <h2 class="fr-h5 fr-mt-4w">Horaires d’ouverture</h2>
            <p class="fr-text--sm">
              Heure de Paris, jusqu’à trois plages par jour ; un jour sans plage est fermé.
            </p>
            <HoursFields form={props.form} />
            <FormButtons lineId={props.line.id} label="Ajouter le service" />
          </PostForm>
        </div>
      </div>
    </>
  );
}
