import { type FormState, Input, PostForm, Select } from '../../../../platform/web/components.tsx';
import { FormErrors } from '../../../../platform/web/fields.tsx';
import type { FlowDefinition } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';
import { RETENTION_BOUNDS } from '../configuration.service.ts';
import { GENERAL_BOUNDS } from '../general.edit.ts';
import { ConfigHeader, FormButtons, paths, VersionField } from './common.tsx';

type Props = { line: Pick<Line, 'id' | 'name'>; form: FormState; version: string; csrfToken: string };

export const retentionLabels: Record<string, string> = {
  audio: 'Conservation des messages vocaux',
  numeros: 'Conservation des numéros',
  rappel: 'Délai de rappel',
};

/** How long voicemails and numbers are kept, and within how many working hours a callback is due. */
export function RetentionPage(props: Props) {
  const { audioRetentionDays: a, numberRetentionDays: n, callbackDueHours: c } = RETENTION_BOUNDS;
  return (
    <>
      <ConfigHeader line={props.line} title="Durées de conservation et délai de rappel" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={retentionLabels} />
          <PostForm action={paths.retention(props.line.id)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <Input
              form={props.form}
              name="audio"
              label="Conservation des messages vocaux, en jours"
              hint={`Ensuite l’enregistrement est effacé chaque nuit. De ${a.min} à ${a.max} jours (30 par défaut). Le message d’accueil doit annoncer cette durée.`}
              inputMode="numeric"
              required
            />
            <Input
              form={props.form}
              name="numeros"
              label="Conservation des numéros des appelants, en jours"
              hint={`Comptés à partir de la clôture de l’appel ou du rappel. De ${n.min} à ${n.max} jours (90 par défaut).`}
              inputMode="numeric"
              required
            />
            <Input
              form={props.form}
              name="rappel"
              label="Délai de rappel, en heures ouvrées"
              hint={`Un ticket de rappel est à traiter dans ce délai, compté dans les horaires du service. De ${c.min} à ${c.max} heures (4 par défaut).`}
              inputMode="numeric"
              required
            />
            <FormButtons lineId={props.line.id} />
          </PostForm>
        </div>
      </div>
    </>
  );
}

export const generalLabels: Record<string, string> = {
  accueil: 'Message d’accueil',
  operateur: 'Service de la touche 0',
  attente: 'Attente d’une touche',
  repetitions: 'Répétitions du menu',
  'messagerie-max': 'Durée d’un message vocal',
  departement: 'Département',
};

export function GeneralPage(props: Props & { flow: FlowDefinition; texts: Record<string, string> }) {
  const { noInputSeconds: w, maxRepeats: r, voicemailMaxSeconds: v } = GENERAL_BOUNDS;
  const welcome = props.texts[props.flow.welcomePrompt];
  return (
    <>
      <ConfigHeader line={props.line} title="Réglages du parcours" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={generalLabels} />
          <PostForm action={paths.general(props.line.id)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <Input
              form={props.form}
              name="accueil"
              label="Message d’accueil (clé)"
              hint={`Le premier message : il dit aux appelants comment leurs données sont utilisées et combien de temps elles sont gardées.${welcome ? ` Texte actuel : « ${welcome} »` : ''}`}
              required
              spellcheck={false}
            />
            <Select
              form={props.form}
              name="operateur"
              label="Service de la touche 0"
              hint="L’accueil, joignable depuis tous les menus."
              options={props.flow.services.map((s) => ({ value: s.key, label: s.name }))}
              placeholder="Aucun (la touche 0 n’est pas proposée)"
            />
            <Input
              form={props.form}
              name="attente"
              label="Attente d’une touche, en secondes"
              hint={`Ensuite le menu est répété. De ${w.min} à ${w.max} secondes.`}
              inputMode="numeric"
              required
            />
            <Input
              form={props.form}
              name="repetitions"
              label="Nombre de répétitions du menu"
              hint={`Sans touche ou après une touche inconnue ; ensuite l’appel se termine. De ${r.min} à ${r.max}.`}
              inputMode="numeric"
              required
            />
            <Input
              form={props.form}
              name="messagerie-max"
              label="Durée maximale d’un message vocal, en secondes"
              hint={`De ${v.min} à ${v.max} secondes.`}
              inputMode="numeric"
              required
            />
            <Input
              form={props.form}
              name="departement"
              label="Département (jours fériés)"
              hint="Son code, par exemple 83 : l’Alsace-Moselle et l’outre-mer ont des jours fériés en plus."
              required
            />
            <FormButtons lineId={props.line.id} />
          </PostForm>
        </div>
      </div>
    </>
  );
}
