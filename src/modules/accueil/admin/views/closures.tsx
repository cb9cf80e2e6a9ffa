import { type FormState, Input, PostForm, Table } from '../../../../platform/web/components.tsx';
import { Checkbox, Field, FormErrors } from '../../../../platform/web/fields.tsx';
import type { ServiceDefinition } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';
import { formatDayDate } from '../hours-format.ts';
import { ConfigHeader, paths, VersionField } from './common.tsx';

export const closureLabels: Record<string, string> = {
  du: 'Premier jour fermé',
  au: 'Dernier jour fermé',
  motif: 'Motif',
};

/** A service's exceptional closures, each with its own « Retirer » form, and the form to add one. */
export function ClosuresPage(props: {
  line: Pick<Line, 'id' | 'name'>;
  service: ServiceDefinition;
  otherServices: number;
  form: FormState;
  /** A refusal of a removal (the closure was gone, the line changed meanwhile). */
  removeError?: string;
  version: string;
  csrfToken: string;
}) {
  const { line, service } = props;
  return (
    <>
      <ConfigHeader
        line={line}
        title={`Fermetures – ${service.name}`}
        lead="Jours où le service est fermé en plus de ses horaires habituels : ponts, congés, formation de l’équipe."
      />
      {props.removeError && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <p>{props.removeError}</p>
        </div>
      )}
      {service.closures.length === 0 ? (
        <p>Aucune fermeture exceptionnelle.</p>
      ) : (
        <Table caption={`Fermetures du service ${service.name}`} headers={['Du', 'Au', 'Motif', 'Action']}>
          {service.closures.map((closure) => (
            <tr>
              <td>{formatDayDate(closure.from)}</td>
              <td>{formatDayDate(closure.to)}</td>
              <td>{closure.reason}</td>
              <td>
                <PostForm action={paths.removeClosure(line.id, service.key)} csrfToken={props.csrfToken}>
                  <VersionField version={props.version} />
                  <input type="hidden" name="du" value={closure.from} />
                  <input type="hidden" name="au" value={closure.to} />
                  <button
                    type="submit"
                    class="fr-btn fr-btn--tertiary fr-btn--sm"
                    aria-label={`Retirer la fermeture du ${formatDayDate(closure.from)} au ${formatDayDate(closure.to)}`}
                  >
                    Retirer
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="fr-h5 fr-mt-4w">Ajouter une fermeture</h2>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={closureLabels} />
          <PostForm action={paths.closures(line.id, service.key)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <Field form={props.form} type="date" name="du" label="Premier jour fermé" required />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <Field form={props.form} type="date" name="au" label="Dernier jour fermé" required />
              </div>
            </div>
            <Input
              form={props.form}
              name="motif"
              label="Motif"
              hint="Pour l’équipe seulement : les appelants entendent le message de fermeture du service."
              required
            />
            {props.otherServices > 0 && (
              <Checkbox
                form={props.form}
                name="tous"
                label="Fermer aussi les autres services de la ligne"
                hint="Quand toute l’unité est fermée ces jours-là."
              />
            )}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Ajouter la fermeture
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={paths.overview(line.id)}>
                  Retour à la configuration
                </a>
              </li>
            </ul>
          </PostForm>
        </div>
      </div>
    </>
  );
}
