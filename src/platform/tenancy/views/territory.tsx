import {
  ErrorSummary,
  FileInput,
  type FormState,
  formatDateTime,
  PostForm,
  SubmitButton,
  Table,
} from '../../web/components.tsx';
import { organisationKindLabels, territoryKindLabels } from '../labels.ts';
import { logoAccept, logoVersion, territoryLogoPath } from '../logo.ts';
import type { OrganisationKind } from '../organisation.repository.ts';
import type { Territory } from '../territory.repository.ts';
import { AdminBreadcrumb, organisationPath, territoryPath } from './parts.tsx';

export const logoLabels = { logo: 'Fichier du logo' };

/** One territory for operators: what it is, its organisations, and the logo its agents see in the header. */
export function TerritoryPage(props: {
  territory: Territory;
  organisations: { slug: string; name: string; kind: OrganisationKind; memberCount: number }[];
  logoForm: FormState;
  csrfToken: string;
}) {
  const { territory, organisations } = props;
  const path = territoryPath(territory.slug);
  const version = logoVersion(territory.logoUpdatedAt);
  return (
    <>
      <AdminBreadcrumb
        items={[{ label: 'Territoires', href: '/admin/territoires' }, { label: territory.name }]}
      />
      <h1>{territory.name}</h1>
      <p class="fr-text--lead">
        {territoryKindLabels[territory.kind]} · code {territory.code}
      </p>
      <p>
        Identifiant : {territory.slug}. Ajouté le {formatDateTime(territory.createdAt)}.
      </p>

      <section class="fr-mt-6w" aria-labelledby="logo">
        <h2 id="logo">Logo</h2>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-8">
            <p>
              Le logo s’affiche dans l’en-tête des pages des agents des organisations de ce territoire, à côté
              du bloc « République française ».
            </p>
            {version === null ? (
              <p>Ce territoire n’a pas de logo : l’en-tête affiche seulement son nom.</p>
            ) : (
              <div class="fr-mb-4w">
                <p class="fr-mb-1w">Logo actuel, envoyé le {formatDateTime(territory.logoUpdatedAt)} :</p>
                <img
                  class="fr-responsive-img tp-logo-preview"
                  src={territoryLogoPath(territory.slug, version)}
                  alt={`Logo actuel : ${territory.name}`}
                />
              </div>
            )}
            <ErrorSummary form={props.logoForm} labels={logoLabels} />
            <PostForm action={`${path}/logo`} csrfToken={props.csrfToken} multipart>
              <FileInput
                form={props.logoForm}
                name="logo"
                label={version === null ? 'Ajouter un logo' : 'Remplacer le logo'}
                hint="Image PNG, JPEG ou WebP de 200 Ko au plus, idéalement sur fond transparent ou blanc. Les images SVG ne sont pas acceptées."
                accept={logoAccept}
              />
              <SubmitButton>Enregistrer le logo</SubmitButton>
            </PostForm>
            {version !== null && (
              <PostForm action={`${path}/logo/retrait`} csrfToken={props.csrfToken} class="fr-mt-2w">
                <SubmitButton secondary>Retirer le logo</SubmitButton>
              </PostForm>
            )}
          </div>
        </div>
      </section>

      <section class="fr-mt-6w" aria-labelledby="organisations">
        <h2 id="organisations">Organisations</h2>
        {organisations.length === 0 ? (
          <p>Ce territoire n’a encore aucune organisation.</p>
        ) : (
          <Table
            id="organisations-du-territoire"
            caption={`${organisations.length} organisation${organisations.length > 1 ? 's' : ''} de ${territory.name}`}
            headers={['Nom', 'Type', 'Membres']}
          >
            {organisations.map((o) => (
              <tr>
                <td>
                  <a href={organisationPath(o.slug)}>{o.name}</a>
                </td>
                <td>{organisationKindLabels[o.kind]}</td>
                <td>{o.memberCount}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
