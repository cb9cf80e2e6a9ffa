import {
  Breadcrumb,
  ErrorSummary,
  FileInput,
  type FormState,
  formatDateTime,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import type { ImportingOrganisation } from '../import.repository.ts';
import { importPath, stateLabels } from './parts.tsx';

export type RecentImport = {
  id: string;
  fileName: string;
  state: keyof typeof stateLabels;
  organisationName: string;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  createdAt: Date;
};

const labels = { fichier: 'Fichier', organisation: 'Organisation' };

/** GET /rsa/import: drop a file (CSV, XLSX, ODS), and the latest imports. */
export function UploadPage(props: {
  organisations: ImportingOrganisation[];
  form: FormState;
  csrfToken: string;
  imports: RecentImport[];
}) {
  const { organisations, form } = props;
  return (
    <>
      <Breadcrumb items={[{ label: 'RSA', href: '/rsa' }, { label: 'Importer une liste' }]} />
      <h1>Importer une liste d’allocataires</h1>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <p>
            Déposez la liste des nouveaux allocataires envoyée par la CAF ou le département. Rien n’est
            enregistré avant votre confirmation : vous verrez d’abord les personnes qui seront ajoutées, mises
            à jour ou écartées, ligne par ligne.
          </p>
          <ErrorSummary form={form} labels={labels} />
          {organisations.length === 0 ? (
            <p class="fr-alert fr-alert--info fr-alert--sm">
              Vous n’êtes agent d’aucune organisation d’un territoire : vous ne pouvez pas importer de liste.
            </p>
          ) : (
            <PostForm action="/rsa/import" csrfToken={props.csrfToken} multipart>
              {organisations.length > 1 ? (
                <Select
                  form={form}
                  name="organisation"
                  label="Organisation qui importe"
                  hint="Les personnes dont la commune n’est rattachée à aucune organisation lui seront confiées."
                  options={organisations.map((o) => ({
                    value: o.slug,
                    label: `${o.name} (${o.territoryName})`,
                  }))}
                  required
                />
              ) : (
                <input type="hidden" name="organisation" value={organisations[0]!.slug} />
              )}
              <FileInput
                form={form}
                name="fichier"
                label="Fichier"
                hint="Formats acceptés : CSV (séparé par des points-virgules, des virgules ou des tabulations), XLSX, ODS. 20 Mo au plus. La première ligne donne le nom des colonnes."
                accept=".csv,.txt,.xlsx,.xls,.ods,text/csv"
                required
              />
              <SubmitButton>Vérifier le fichier</SubmitButton>
            </PostForm>
          )}
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-callout">
            <h2 class="fr-callout__title fr-h6">Colonnes reconnues</h2>
            <p class="fr-callout__text fr-text--sm">
              N° allocataire (ou matricule), rôle (demandeur ou conjoint), nom, prénom, date de naissance
              (jj/mm/aaaa), adresse, code postal, commune, téléphone, courriel, date d’ouverture des droits.
              Si une colonne porte un autre nom, vous pourrez l’indiquer à l’étape suivante : ce choix sera
              retenu pour les prochains fichiers.
            </p>
          </div>
        </div>
      </div>
      {props.imports.length > 0 && (
        <Table
          caption="Derniers imports"
          headers={[
            'Fichier',
            'Organisation',
            'Déposé le',
            'État',
            'Lignes',
            'Ajoutées',
            'Mises à jour',
            'Écartées',
          ]}
        >
          {props.imports.map((item) => (
            <tr>
              <td>
                <a href={importPath(item.id)}>{item.fileName}</a>
              </td>
              <td>{item.organisationName}</td>
              <td>{formatDateTime(item.createdAt)}</td>
              <td>{stateLabels[item.state]}</td>
              <td>{item.totalRows}</td>
              <td>{item.created}</td>
              <td>{item.updated}</td>
              <td>{item.rejected}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
