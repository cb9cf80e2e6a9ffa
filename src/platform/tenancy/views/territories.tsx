import type { SearchResult } from '../../geo/administrative.ts';
import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../web/components.tsx';
import { territoryKindLabels } from '../labels.ts';
import { territoryLabels } from '../schemas.ts';
import type { TerritoryKind } from '../territory.repository.ts';
import { AdminBreadcrumb, territoryPath } from './parts.tsx';

type TerritoryRow = {
  id: string;
  slug: string;
  kind: TerritoryKind;
  code: string;
  name: string;
  logoUpdatedAt: Date | null;
  createdAt: Date;
  organisationCount: number;
};

export function TerritoriesPage({ territories }: { territories: TerritoryRow[] }) {
  return (
    <>
      <AdminBreadcrumb items={[{ label: 'Territoires' }]} />
      <h1>Territoires</h1>
      <p>
        Chaque collectivité qui utilise Tremplin est un territoire : un département, une intercommunalité ou
        une commune. Ses services y sont des organisations.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/territoires/nouveau">
            Ajouter un territoire
          </a>
        </li>
      </ul>
      {territories.length === 0 ? (
        <p>Aucun territoire pour l’instant.</p>
      ) : (
        <Table
          id="territoires"
          caption={`${territories.length} territoire${territories.length > 1 ? 's' : ''}`}
          headers={['Nom', 'Type', 'Code', 'Identifiant', 'Organisations', 'Logo', 'Ajouté le']}
        >
          {territories.map((t) => (
            <tr>
              <td>
                <a href={territoryPath(t.slug)}>{t.name}</a>
              </td>
              <td>{territoryKindLabels[t.kind]}</td>
              <td>{t.code}</td>
              <td>{t.slug}</td>
              <td>{t.organisationCount}</td>
              <td>{t.logoUpdatedAt ? 'Oui' : 'Non'}</td>
              <td>{formatDateTime(t.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

const kindOptions = (Object.keys(territoryKindLabels) as TerritoryKind[]).map((value) => ({
  value,
  label: territoryKindLabels[value],
}));

export type TerritorySearch = { kind: TerritoryKind; query: string; results: SearchResult[] } | null;

/**
 * The form asks for a code, the one identifier that is never ambiguous. A search by name (a GET form,
 * so it works without JavaScript) helps find it: each result links back here with the code filled in.
 */
export function TerritoryFormPage(props: { form: FormState; csrfToken: string; search: TerritorySearch }) {
  const searchKind =
    props.search?.kind ?? (props.form.values.kind as TerritoryKind | undefined) ?? 'departement';
  return (
    <>
      <AdminBreadcrumb items={[{ label: 'Territoires', href: '/admin/territoires' }, { label: 'Ajouter' }]} />
      <h1>Ajouter un territoire</h1>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <ErrorSummary form={props.form} labels={territoryLabels} />
          <PostForm action="/admin/territoires/nouveau" csrfToken={props.csrfToken}>
            <Select
              form={props.form}
              name="kind"
              label={territoryLabels.kind}
              options={kindOptions}
              required
              placeholder="Choisir un type"
            />
            <Input
              form={props.form}
              name="code"
              label={territoryLabels.code}
              hint="Code INSEE du département (83) ou de la commune (83126, différent du code postal), ou SIREN de l’intercommunalité (200067254). Le nom officiel est repris du découpage administratif."
              required
              spellcheck={false}
            />
            <SubmitButton>Ajouter le territoire</SubmitButton>
          </PostForm>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">Trouver un code</h2>
          <form method="get" action="/admin/territoires/nouveau">
            <Select
              form={{ values: { type: searchKind }, errors: {} }}
              name="type"
              label="Type de collectivité"
              options={kindOptions}
            />
            <Input
              form={{ values: { recherche: props.search?.query ?? '' }, errors: {} }}
              name="recherche"
              label="Nom, code postal ou début du code"
              hint="Les accents et les majuscules sont ignorés."
            />
            <SubmitButton secondary>Rechercher</SubmitButton>
          </form>
          {props.search && <SearchResults search={props.search} />}
        </div>
      </div>
    </>
  );
}

function SearchResults({ search }: { search: NonNullable<TerritorySearch> }) {
  if (search.results.length === 0) {
    return (
      <p class="fr-mt-2w" role="status">
        Aucun résultat pour « {search.query} ».
      </p>
    );
  }
  return (
    <div class="fr-mt-2w">
      <Table
        id="resultats"
        caption={`Résultats pour « ${search.query} »`}
        headers={['Nom', 'Code', 'Détail', 'Action']}
      >
        {search.results.map((r) => (
          <tr>
            <td>{r.name}</td>
            <td>{r.code}</td>
            <td>{r.detail}</td>
            <td>
              <a href={`/admin/territoires/nouveau?type=${r.kind}&code=${encodeURIComponent(r.code)}`}>
                Choisir<span class="fr-sr-only"> {r.name}</span>
              </a>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
