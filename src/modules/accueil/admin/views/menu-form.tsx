import { type FormState, Input, PostForm, Select } from '../../../../platform/web/components.tsx';
import { FormErrors } from '../../../../platform/web/fields.tsx';
import type { FlowDefinition } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';
import { OPTION_DIGITS } from '../menu.edit.ts';
import { ConfigHeader, FormButtons, PromptText, paths, targetOptions, VersionField } from './common.tsx';

type FormProps = {
  line: Pick<Line, 'id' | 'name'>;
  flow: FlowDefinition;
  form: FormState;
  version: string;
  csrfToken: string;
  texts: Record<string, string>;
};

export const menuLabels: Record<string, string> = {
  key: 'Clé du sous-menu',
  'parent-menu': 'Menu qui y mène',
  'parent-touche': 'Touche qui y mène',
  prompt: 'Message du menu',
  ...Object.fromEntries(OPTION_DIGITS.map((d) => [`option-${d}`, `Touche ${d}`])),
};

function OptionFields(props: FormProps & { menuKey?: string }) {
  const options = targetOptions(props.flow, props.menuKey);
  return (
    <fieldset class="fr-fieldset" aria-labelledby="touches-legende">
      <legend class="fr-fieldset__legend" id="touches-legende">
        Touches du menu
        <span class="fr-hint-text">
          La touche 0 mène toujours à l’accueil (réglages du parcours) et la touche étoile fait réécouter le
          menu.
        </span>
      </legend>
      {OPTION_DIGITS.map((digit) => (
        <div class="fr-fieldset__element">
          <Select
            form={props.form}
            name={`option-${digit}`}
            label={`Touche ${digit}`}
            options={options}
            placeholder="Rien (touche non proposée)"
          />
        </div>
      ))}
    </fieldset>
  );
}

function PromptField(props: FormProps & { current?: string }) {
  return (
    <Input
      form={props.form}
      name="prompt"
      label="Message du menu (clé)"
      hint={
        props.current
          ? `La clé d’un message de la page des messages. Texte actuel : « ${props.texts[props.current] ?? 'aucun'} »`
          : 'La clé d’un message de la page des messages, par exemple « menu-familles ».'
      }
      required
      spellcheck={false}
    />
  );
}

export function MenuFormPage(props: FormProps & { menuKey: string }) {
  const isRoot = props.flow.rootMenu === props.menuKey;
  return (
    <>
      <ConfigHeader
        line={props.line}
        title={isRoot ? `Menu d’accueil « ${props.menuKey} »` : `Sous-menu « ${props.menuKey} »`}
      />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={menuLabels} />
          <PostForm action={paths.menu(props.line.id, props.menuKey)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <PromptField {...props} current={props.flow.menus.find((m) => m.key === props.menuKey)?.prompt} />
            <OptionFields {...props} />
            <FormButtons lineId={props.line.id} />
          </PostForm>
        </div>
      </div>
    </>
  );
}

export function NewMenuPage(props: FormProps) {
  return (
    <>
      <ConfigHeader line={props.line} title="Ajouter un sous-menu" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={menuLabels} />
          <PostForm action={paths.newMenu(props.line.id)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <Input
              form={props.form}
              name="key"
              label="Clé du sous-menu"
              hint="Lettres minuscules, chiffres et tirets, par exemple « familles ». Elle ne change plus ensuite."
              required
              spellcheck={false}
            />
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <Select
                  form={props.form}
                  name="parent-menu"
                  label="Menu qui y mène"
                  options={props.flow.menus.map((m) => ({ value: m.key, label: m.key }))}
                  placeholder="Choisir un menu"
                  required
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <Select
                  form={props.form}
                  name="parent-touche"
                  label="Touche qui y mène"
                  options={OPTION_DIGITS.map((d) => ({ value: d, label: `Touche ${d}` }))}
                  placeholder="Choisir une touche libre"
                  required
                />
              </div>
            </div>
            <PromptField {...props} />
            <OptionFields {...props} />
            <FormButtons lineId={props.line.id} label="Ajouter le sous-menu" />
          </PostForm>
        </div>
      </div>
    </>
  );
}

/** Removing a sub-menu or a service: said plainly, confirmed by a post; refused when something leads to it. */
export function RemovePage(props: {
  line: Pick<Line, 'id' | 'name'>;
  title: string;
  question: string;
  action: string;
  errors: Record<string, string>;
  version: string;
  csrfToken: string;
  texts?: Record<string, string>;
  promptKey?: string;
  /** The menu keys that lead there, freed by the removal. */
  freedKeys: string[];
}) {
  return (
    <>
      <ConfigHeader line={props.line} title={props.title} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={{ values: {}, errors: props.errors }} labels={{}} />
          <p>{props.question}</p>
          {props.freedKeys.length > 0 && (
            <p>
              {props.freedKeys.length > 1
                ? 'Ces touches ne seront plus proposées'
                : 'Cette touche ne sera plus proposée'}{' '}
              : {props.freedKeys.join(', ')}.
            </p>
          )}
          {props.promptKey && props.texts && (
            <p>
              Message : <PromptText promptKey={props.promptKey} texts={props.texts} />
            </p>
          )}
          <PostForm action={props.action} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <FormButtons lineId={props.line.id} label="Supprimer" />
          </PostForm>
        </div>
      </div>
    </>
  );
}
