import type { SettingsOrganisation } from '../organisation-context.service.ts';
import { SETTINGS, SettingsBreadcrumb, sectionTitles, settingsPath } from './parts.tsx';

const descriptions = {
  lieux: 'Où se tiennent les rendez-vous : adresse, commune, accessibilité.',
  motifs: 'Les types de rendez-vous : durée, délais, qui peut réserver, individuel ou collectif.',
  plages: 'Quand chaque agent reçoit, où et pour quels motifs.',
  absences: 'Congés, formations et indisponibilités des agents.',
  secteur: 'Les communes que l’organisation dessert et, au besoin, les agents de chaque commune.',
};

/** Picks the organisation whose settings are shown, for agents who belong to several. */
export function OrganisationSelector(props: {
  organisation: SettingsOrganisation;
  choices: { slug: string; name: string }[];
  action: string;
}) {
  if (props.choices.length < 2) return null;
  return (
    <form method="get" action={props.action} class="fr-mb-4w">
      <div class="fr-select-group">
        <label class="fr-label" for="choix-organisation">
          Organisation
        </label>
        <select class="fr-select" id="choix-organisation" name="organisation">
          {props.choices.map((c) => (
            <option value={c.slug} selected={c.slug === props.organisation.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
        Afficher cette organisation
      </button>
    </form>
  );
}

export function SettingsHomePage(props: {
  organisation: SettingsOrganisation;
  choices: { slug: string; name: string }[];
}) {
  const { organisation } = props;
  return (
    <>
      <SettingsBreadcrumb organisation={organisation} />
      <h1 class="fr-mb-1w">Paramètres des rendez-vous</h1>
      <p class="fr-text--lead">{organisation.name}</p>
      <OrganisationSelector organisation={organisation} choices={props.choices} action={SETTINGS} />
      {!organisation.mayConfigure && (
        <p>
          Les lieux, les motifs et la sectorisation sont modifiés par les administrateurs de l’organisation ;
          vous pouvez les consulter
          {organisation.mayManageOwnTime ? ' et gérer vos propres plages d’ouverture et absences.' : '.'}
        </p>
      )}
      <div class="fr-grid-row fr-grid-row--gutters">
        {(Object.keys(sectionTitles) as (keyof typeof sectionTitles)[]).map((section) => (
          <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div class="fr-card fr-enlarge-link">
              <div class="fr-card__body">
                <div class="fr-card__content">
                  <h2 class="fr-card__title">
                    <a href={settingsPath(section, organisation.slug)}>{sectionTitles[section]}</a>
                  </h2>
                  <p class="fr-card__desc">{descriptions[section]}</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}

export function NoOrganisationPage() {
  return (
    <>
      <h1>Paramètres des rendez-vous</h1>
      <p>Vous n’êtes membre d’aucune organisation : demandez à un administrateur de vous inviter.</p>
    </>
  );
}
