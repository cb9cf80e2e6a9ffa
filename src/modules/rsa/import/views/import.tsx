import {
  Breadcrumb,
  ErrorSummary,
  type FormState,
  formatDateTime,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import type { ImportingOrganisation, ImportSummary } from '../import.repository.ts';
import {
  type ColumnMapping,
  fieldLabels,
  type ImportField,
  importFields,
  requiredFields,
} from '../mapping.ts';
import { formatCount, importPath, Steps, stateLabels } from './parts.tsx';

/** Rejections shown on the page; all of them are in the CSV. */
export const REJECTIONS_SHOWN = 200;

export type FileDescription = { headers: string[]; detail: string } | null;

export type ImportPageProps = {
  item: ImportSummary;
  organisation: ImportingOrganisation;
  file: FileDescription;
  nirEnabled: boolean;
  mayManage: boolean;
  csrfToken: string;
  form: FormState;
};

/** GET /rsa/import/:id: the preview (counts, rejections, columns), the progress, or the report. */
export function ImportPage(props: ImportPageProps) {
  const { item } = props;
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'RSA', href: '/rsa' },
          { label: 'Importer une liste', href: '/rsa/import' },
          { label: item.fileName },
        ]}
      />
      <h1>Import de « {item.fileName} »</h1>
      <p class="fr-text--sm">
        {props.organisation.name} ({props.organisation.territoryName}) · déposé le{' '}
        {formatDateTime(item.createdAt)} · {stateLabels[item.state]}
        {props.file && ` · ${props.file.detail}`}
      </p>
      {item.state === 'preview' && <Preview {...props} />}
      {item.state === 'applying' && <Progress item={item} />}
      {item.state === 'done' && <Report item={item} />}
      {item.state === 'abandoned' && (
        <div class="fr-alert fr-alert--info fr-mb-4w">
          <p>
            Cet import a été abandonné : aucune personne n’a été ajoutée ni modifiée, et le fichier a été
            effacé.
          </p>
        </div>
      )}
      {item.state === 'failed' && (
        <div class="fr-alert fr-alert--error fr-mb-4w">
          <p>Cet import a échoué{item.error ? ` : ${item.error}` : ''}.</p>
        </div>
      )}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/rsa/import">
          Retour aux imports
        </a>
      </p>
    </>
  );
}

function Counts(props: { item: ImportSummary; future: boolean }) {
  const { item, future } = props;
  const rows: [string, number][] = [
    [future ? 'Personnes à ajouter' : 'Personnes ajoutées', item.created],
    [future ? 'Personnes à mettre à jour' : 'Personnes mises à jour', item.updated],
    ['Personnes déjà à jour (sans changement)', item.unchanged],
    [future ? 'Lignes écartées' : 'Lignes écartées', item.rejected],
  ];
  return (
    <Table caption={future ? 'Ce que l’import fera' : 'Ce que l’import a fait'} headers={['', 'Nombre']}>
      {rows.map(([label, n]) => (
        <tr>
          <td>{label}</td>
          <td>
            <strong>{formatCount(n)}</strong>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Rejections(props: { item: ImportSummary }) {
  const { item } = props;
  if (item.rejections.length === 0) return null;
  const shown = item.rejections.slice(0, REJECTIONS_SHOWN);
  return (
    <>
      <h2 class="fr-h4">Lignes écartées</h2>
      <p>
        Ces lignes ne seront pas importées. Corrigez-les dans le fichier puis déposez-le à nouveau : les
        personnes déjà importées ne seront pas ajoutées une deuxième fois.
        {item.rejections.length > shown.length &&
          ` Seules les ${REJECTIONS_SHOWN} premières sont affichées ici.`}
      </p>
      <p>
        <a class="fr-link fr-icon-download-line fr-link--icon-left" href={importPath(item.id, '/rejets.csv')}>
          Télécharger toutes les lignes écartées (CSV, {formatCount(item.rejections.length)} lignes)
        </a>
      </p>
      <Table caption="Lignes écartées et motif" captionHidden headers={['Ligne', 'Motif']}>
        {shown.map((r) => (
          <tr>
            <td>{r.line}</td>
            <td>{r.reason}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function Preview(props: ImportPageProps) {
  const { item, file } = props;
  const mapping = item.mapping as ColumnMapping;
  const headers = file?.headers ?? [];
  const missing = requiredFields.filter((f) => !mapping[f] || !headers.includes(mapping[f]!));
  const nirIgnored = !props.nirEnabled && mapping.nir !== undefined;
  const shownFields = importFields.filter((f) => f !== 'nir' || props.nirEnabled);
  const form: FormState = {
    values: { ...Object.fromEntries(shownFields.map((f) => [f, mapping[f] ?? ''])), ...props.form.values },
    errors: props.form.errors,
  };
  return (
    <>
      <Steps current={2} />
      <ErrorSummary form={props.form} labels={{ colonnes: 'Colonnes' }} />
      <p>
        Vérifiez ce que l’import fera avant de le confirmer. Rien n’est enregistré pour l’instant. Le fichier
        compte {formatCount(item.totalRows)} {item.totalRows > 1 ? 'lignes' : 'ligne'} de personnes.
      </p>
      {missing.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-4w">
          <h2 class="fr-alert__title">Colonnes à indiquer</h2>
          <p>
            Le fichier n’a pas de colonne reconnue pour : {missing.map((f) => fieldLabels[f]).join(', ')}.
            Choisissez-la dans la liste « Colonnes du fichier » ci-dessous.
          </p>
        </div>
      )}
      {nirIgnored && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
          <p>
            La colonne « {mapping.nir} » (NIR, numéro de sécurité sociale) est ignorée : votre département n’a
            pas choisi de conserver le NIR.
          </p>
        </div>
      )}
      <Counts item={item} future />
      {props.mayManage && missing.length === 0 && (
        <div class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
          <PostForm action={importPath(item.id, '/confirmer')} csrfToken={props.csrfToken} class="fr-mr-2w">
            <SubmitButton>
              Confirmer l’import ({formatCount(item.created)} ajouts, {formatCount(item.updated)} mises à
              jour)
            </SubmitButton>
          </PostForm>
          <PostForm action={importPath(item.id, '/abandonner')} csrfToken={props.csrfToken}>
            <SubmitButton secondary>Abandonner</SubmitButton>
          </PostForm>
        </div>
      )}
      {props.mayManage && missing.length > 0 && (
        <PostForm action={importPath(item.id, '/abandonner')} csrfToken={props.csrfToken} class="fr-mb-4w">
          <SubmitButton secondary>Abandonner</SubmitButton>
        </PostForm>
      )}
      <Rejections item={item} />
      {props.mayManage && file && (
        <section class="fr-mt-6w">
          <h2 class="fr-h4">Colonnes du fichier</h2>
          <p>
            Pour chaque information, la colonne du fichier qui la contient. Votre choix sera retenu pour les
            prochains fichiers de {props.organisation.name}.
          </p>
          <PostForm action={importPath(item.id, '/colonnes')} csrfToken={props.csrfToken}>
            <div class="fr-grid-row fr-grid-row--gutters">
              {shownFields.map((field: ImportField) => (
                <div class="fr-col-12 fr-col-md-6">
                  <Select
                    form={form}
                    name={field}
                    label={fieldLabels[field]}
                    required={requiredFields.includes(field)}
                    placeholder="— Aucune colonne —"
                    options={headers.filter((h) => h !== '').map((h) => ({ value: h, label: h }))}
                  />
                </div>
              ))}
            </div>
            <SubmitButton secondary>Vérifier avec ces colonnes</SubmitButton>
          </PostForm>
        </section>
      )}
    </>
  );
}

function Progress(props: { item: ImportSummary }) {
  const { item } = props;
  const percent = item.totalRows ? Math.floor((item.processedRows / item.totalRows) * 100) : 0;
  return (
    <>
      <Steps current={3} />
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title fr-h5">Enregistrement en cours</h2>
        <p class="fr-callout__text">
          <label for="avancement">
            {formatCount(item.processedRows)} lignes traitées sur {formatCount(item.totalRows)} ({percent} %)
          </label>
        </p>
        <progress id="avancement" max={item.totalRows || 1} value={item.processedRows} class="fr-mb-2w">
          {percent} %
        </progress>
        <p class="fr-text--sm fr-mb-0">
          Cette page se met à jour toute seule toutes les 2 secondes. Vous pouvez aussi la quitter : l’import
          continue. <a href={importPath(item.id)}>Actualiser</a>
        </p>
      </div>
      {item.error && (
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-4w">
          <p>Une erreur a interrompu l’enregistrement ; il reprendra tout seul dans un instant.</p>
        </div>
      )}
    </>
  );
}

function Report(props: { item: ImportSummary }) {
  const { item } = props;
  return (
    <>
      <div class="fr-alert fr-alert--success fr-mb-4w">
        <h2 class="fr-alert__title">Import terminé</h2>
        <p>
          {formatCount(item.created)} personnes ajoutées, {formatCount(item.updated)} mises à jour,{' '}
          {formatCount(item.unchanged)} déjà à jour, {formatCount(item.rejected)} lignes écartées
          {item.finishedAt ? ` (terminé le ${formatDateTime(item.finishedAt)})` : ''}.
        </p>
      </div>
      <Counts item={item} future={false} />
      <p>
        <a class="fr-btn" href="/rsa?statut=non_invite">
          Voir les personnes à inviter
        </a>
      </p>
      <Rejections item={item} />
    </>
  );
}
