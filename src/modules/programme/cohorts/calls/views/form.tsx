import { ErrorSummary, type FormState, Input, PostForm } from '../../../../../platform/web/components.tsx';
import { Field, Textarea } from '../../../../../platform/web/fields.tsx';
import { ProgrammeBreadcrumb } from '../../parts.tsx';
import { paths } from '../../paths.ts';
import { callLabels } from '../schemas.ts';

/** Opening or changing a call: its title, what agents read first, and when it opens and closes (Paris time). */
export function CallFormPage(props: {
  season: { name: string; slug: string };
  /** Editing: the call's id and current title. */
  call?: { id: string; title: string };
  form: FormState;
  csrfToken: string;
}) {
  const { form, season, call } = props;
  return (
    <>
      <ProgrammeBreadcrumb
        items={[
          { label: season.name, href: paths.season(season.slug) },
          ...(call ? [{ label: call.title, href: paths.call(call.id) }, { label: 'Modifier' }] : []),
          ...(call ? [] : [{ label: 'Nouvel appel à problèmes' }]),
        ]}
      />
      <h1>{call ? `Modifier l’appel « ${call.title} »` : 'Nouvel appel à problèmes'}</h1>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <ErrorSummary form={form} labels={callLabels} />
          <PostForm
            action={call ? paths.editCall(call.id) : paths.newCall(season.slug)}
            csrfToken={props.csrfToken}
          >
            <Input form={form} name="titre" label={callLabels.titre!} required />
            <Textarea
              form={form}
              name="introduction"
              label={callLabels.introduction!}
              rows={6}
              hint="Ce que les agents lisent avant de proposer un problème : l’esprit du programme, ce qu’on attend d’eux, le calendrier."
            />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">
                Ouverture
                <span class="fr-hint-text">Heure de Paris.</span>
              </legend>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Input
                  form={form}
                  name="ouverture_jour"
                  type="date"
                  label={callLabels.ouverture_jour!}
                  required
                />
              </div>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Field
                  type="time"
                  form={form}
                  name="ouverture_heure"
                  label={callLabels.ouverture_heure!}
                  required
                />
              </div>
            </fieldset>
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">
                Clôture
                <span class="fr-hint-text">
                  Heure de Paris. Après la clôture, les agents ne peuvent plus proposer ni modifier leurs
                  problèmes.
                </span>
              </legend>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Input
                  form={form}
                  name="cloture_jour"
                  type="date"
                  label={callLabels.cloture_jour!}
                  required
                />
              </div>
              <div class="fr-fieldset__element fr-col-12 fr-col-sm-6">
                <Field
                  type="time"
                  form={form}
                  name="cloture_heure"
                  label={callLabels.cloture_heure!}
                  required
                />
              </div>
            </fieldset>
            {!call && (
              <p class="fr-text--sm">
                L’appel reçoit la grille d’évaluation par défaut (impact, récurrence, preuves, faisabilité,
                engagement du sponsor) ; vous pourrez ajuster les poids sur la page du jury.
              </p>
            )}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  {call ? 'Enregistrer' : 'Créer l’appel'}
                </button>
              </li>
              <li>
                <a
                  class="fr-btn fr-btn--tertiary"
                  href={call ? paths.call(call.id) : paths.season(season.slug)}
                >
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
