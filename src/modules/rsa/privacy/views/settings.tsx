import {
  Breadcrumb,
  type FormState,
  Input,
  PostForm,
  SubmitButton,
} from '../../../../platform/web/components.tsx';
import { Checkbox, FormErrors } from '../../../../platform/web/fields.tsx';
import { MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS, settingsLabels } from '../schemas.ts';
import type { RsaSettings } from '../settings.repository.ts';

export const SETTINGS_PATH = '/rsa/parametres';

/** The form's values for settings as saved. */
export function settingsValues(settings: RsaSettings): Record<string, string | undefined> {
  return {
    validite: String(settings.invitationValidityDays),
    rappels: settings.reminderDays.join(', '),
    conservation: String(settings.retentionMonths),
    nir: settings.nirEnabled ? 'on' : undefined,
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

function Header({ organisationName }: { organisationName: string }) {
  return (
    <>
      <Breadcrumb items={[{ label: 'RSA', href: '/rsa' }, { label: 'Paramètres' }]} />
      <h1 class="fr-mb-1w">Paramètres RSA</h1>
      <p class="fr-text--lead">{organisationName}</p>
    </>
  );
}

export function SettingsPage(props: {
  organisationName: string;
  form: FormState;
  storedNirs: number;
  nirEnabled: boolean;
  csrfToken: string;
}) {
  return (
    <>
      <Header organisationName={props.organisationName} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={settingsLabels} />
          <PostForm action={SETTINGS_PATH} csrfToken={props.csrfToken}>
            <h2 class="fr-h5">Invitations</h2>
            <Input
              form={props.form}
              name="validite"
              label="Durée de validité des invitations, en jours"
              hint="Passé ce délai, le lien ne permet plus de prendre rendez-vous. De 1 à 60 jours (10 par défaut)."
              inputMode="numeric"
              required
            />
            <Input
              form={props.form}
              name="rappels"
              label="Rappels, en jours après l’envoi"
              hint="Séparés par des virgules, par exemple « 3, 7 ». Un rappel part seulement si la personne n’a pas encore pris rendez-vous. Laissez vide pour ne pas envoyer de rappel."
            />
            <h2 class="fr-h5 fr-mt-4w">Données personnelles</h2>
            <Input
              form={props.form}
              name="conservation"
              label="Durée de conservation, en mois"
              hint={`Un dossier sans aucune activité (import, invitation, rendez-vous, note, décision) pendant cette durée est anonymisé chaque nuit : nom, coordonnées, adresse, notes et réponses au questionnaire sont effacés ; seuls restent les dates et les statuts qui servent aux statistiques. De ${MIN_RETENTION_MONTHS} à ${MAX_RETENTION_MONTHS} mois (24 par défaut).`}
              inputMode="numeric"
              required
            />
            <div class="fr-callout fr-mb-3w">
              <h3 class="fr-callout__title fr-h6">Numéro de sécurité sociale (NIR)</h3>
              <p class="fr-callout__text fr-text--sm">
                Le NIR est une donnée très protégée : il ne peut être enregistré que si votre département l’a
                décidé et l’a inscrit à son registre des traitements, par exemple pour échanger avec la CAF ou
                France Travail. Désactivé (c’est le réglage par défaut), aucun NIR n’est enregistré : les
                imports l’ignorent. Si vous le désactivez, les numéros déjà enregistrés sont effacés.
              </p>
              {props.nirEnabled && (
                <p class="fr-text--sm fr-mb-0">
                  {props.storedNirs === 0
                    ? 'Aucun numéro n’est enregistré pour l’instant.'
                    : `${plural(props.storedNirs, 'numéro est enregistré', 'numéros sont enregistrés')}.`}
                </p>
              )}
            </div>
            <Checkbox
              form={props.form}
              name="nir"
              label="Enregistrer le NIR des bénéficiaires"
              hint="À cocher seulement sur décision du département."
            />
            <SubmitButton>Enregistrer</SubmitButton>
          </PostForm>
        </div>
      </div>
    </>
  );
}

/** Switching the NIR off erases the stored numbers: said plainly, confirmed by a second post. */
export function ConfirmNirErasePage(props: {
  organisationName: string;
  values: Record<string, string | undefined>;
  storedNirs: number;
  csrfToken: string;
}) {
  return (
    <>
      <Header organisationName={props.organisationName} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <div class="fr-alert fr-alert--warning fr-mb-4w">
            <h2 class="fr-alert__title">Effacer les numéros de sécurité sociale ?</h2>
            <p>
              En désactivant le NIR, vous effacez{' '}
              {plural(props.storedNirs, 'numéro enregistré', 'numéros enregistrés')} pour les bénéficiaires de
              votre organisation. Cet effacement est définitif.
            </p>
          </div>
          <PostForm action={SETTINGS_PATH} csrfToken={props.csrfToken}>
            {(['validite', 'rappels', 'conservation'] as const).map((name) => (
              <input type="hidden" name={name} value={props.values[name] ?? ''} />
            ))}
            <input type="hidden" name="confirmer" value="oui" />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <SubmitButton>
                  Désactiver et effacer {plural(props.storedNirs, 'numéro', 'numéros')}
                </SubmitButton>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={SETTINGS_PATH}>
                  Annuler
                </a>
              </li>
            </ul>
          </PostForm>
        </div>
      </div>
    </>
  );
}
