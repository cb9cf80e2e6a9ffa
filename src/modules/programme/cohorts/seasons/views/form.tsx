import {
  ErrorSummary,
  type FormState,
  Input,
  PostForm,
  Select,
} from '../../../../../platform/web/components.tsx';
import { Choices, Textarea } from '../../../../../platform/web/fields.tsx';
import { ProgrammeBreadcrumb } from '../../parts.tsx';
import { paths } from '../../paths.ts';
import { seasonLabels } from '../schemas.ts';
import type { SeasonChoices } from '../seasons.service.ts';

/** Creating or changing a season: identity, dates, partners, coaches, detachment defaults. */
export function SeasonFormPage(props: {
  choices: SeasonChoices;
  form: FormState;
  csrfToken: string;
  /** Editing: the season's current name and slug. */
  season?: { name: string; slug: string };
}) {
  const { choices, form, season } = props;
  const title = season ? `Modifier la saison ${season.name}` : 'Nouvelle saison';
  const action = season ? paths.editSeason(season.slug) : paths.newSeason;
  return (
    <>
      <ProgrammeBreadcrumb
        items={
          season
            ? [{ label: season.name, href: paths.season(season.slug) }, { label: 'Modifier' }]
            : [{ label: 'Nouvelle saison' }]
        }
      />
      <h1>{title}</h1>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <ErrorSummary form={form} labels={seasonLabels} />
          <PostForm action={action} csrfToken={props.csrfToken}>
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend fr-h5">La saison</legend>
              <div class="fr-fieldset__element">
                <Input form={form} name="nom" label={seasonLabels.nom!} required />
              </div>
              <div class="fr-fieldset__element">
                <Input
                  form={form}
                  name="slug"
                  label={seasonLabels.slug!}
                  spellcheck={false}
                  hint="Ce qui suit /saisons/ dans l’adresse des pages, par exemple saison-2026. Laissez vide pour la déduire du nom."
                />
              </div>
              <div class="fr-fieldset__element">
                <Textarea
                  form={form}
                  name="description"
                  label={seasonLabels.description!}
                  hint="Ce que les agents des collectivités partenaires liront en arrivant dans le programme."
                />
              </div>
              <div class="fr-fieldset__element">
                <Select
                  form={form}
                  name="incubateur"
                  label={seasonLabels.incubateur!}
                  required
                  placeholder="Choisir l’incubateur"
                  options={choices.incubators.map((i) => ({ value: i.id, label: i.name }))}
                />
              </div>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Input form={form} name="debut" type="date" label={seasonLabels.debut!} required />
              </div>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Input form={form} name="fin" type="date" label={seasonLabels.fin!} required />
              </div>
            </fieldset>
            <Choices
              form={form}
              kind="checkbox"
              name="territoires"
              label={seasonLabels.territoires!}
              hint="Leurs agents proposent des problèmes et rejoignent les équipes."
              required
              options={choices.territories.map((t) => ({ value: t.id, label: t.name }))}
            />
            {choices.members.length > 0 && (
              <Choices
                form={form}
                kind="checkbox"
                name="coachs"
                label={seasonLabels.coachs!}
                hint="Ils accompagnent les équipes et font partie de l’équipe d’animation."
                options={choices.members.map((m) => ({
                  value: m.id,
                  label: `${m.firstName} ${m.lastName} (${m.email})`,
                  hint: m.organisationName,
                }))}
              />
            )}
            <Textarea
              form={form}
              name="autres_coachs"
              label={seasonLabels.autres_coachs!}
              rows={2}
              hint="Un agent d’une collectivité partenaire ou d’ailleurs : son adresse électronique exacte, une par ligne. Il doit déjà avoir un compte."
            />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend fr-h5">Détachement des agents, par défaut</legend>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Input
                  form={form}
                  name="jours_par_semaine"
                  label={seasonLabels.jours_par_semaine!}
                  inputMode="text"
                  hint="Par exemple 1, ou 0,5 pour une demi-journée."
                  required
                />
              </div>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Input
                  form={form}
                  name="semaines"
                  type="number"
                  label={seasonLabels.semaines!}
                  hint="Par exemple 12 pour trois mois."
                  required
                />
              </div>
            </fieldset>
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  {season ? 'Enregistrer' : 'Créer la saison'}
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href={season ? paths.season(season.slug) : paths.home}>
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
