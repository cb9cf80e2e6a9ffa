import type { Actor } from '../../auth/actor.ts';
import { Breadcrumb, Table } from '../../web/components.tsx';
import { organisationKindLabels, territoryKindLabels } from '../labels.ts';
import type { OrganisationSummary } from '../organisation.repository.ts';
import type { TerritoryKind } from '../territory.repository.ts';
import { organisationPath } from './parts.tsx';

type Props = {
  actor: Actor;
  territories: { id: string; name: string; kind: TerritoryKind; code: string; organisationCount: number }[];
  administered: OrganisationSummary[];
  mayCreateOrganisations: boolean;
};

export function AdminHomePage(props: Props) {
  const { actor } = props;
  return (
    <>
      <Breadcrumb items={[{ label: 'Administration' }]} />
      <h1>Administration</h1>
      <p class="fr-text--lead">
        {actor.isOperator
          ? 'En tant qu’opérateur de la plateforme, vous gérez tous les territoires et toutes les organisations.'
          : props.administered.length > 0
            ? 'Vous gérez les membres des organisations dont vous êtes administrateur.'
            : 'Vous n’administrez aucune organisation : vous pouvez consulter les membres de vos organisations.'}
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {actor.isOperator && (
          <li>
            <a class="fr-btn" href="/admin/territoires">
              Territoires
            </a>
          </li>
        )}
        <li>
          <a class={`fr-btn${actor.isOperator ? ' fr-btn--secondary' : ''}`} href="/admin/organisations">
            {actor.isOperator ? 'Toutes les organisations' : 'Mes organisations'}
          </a>
        </li>
        {props.mayCreateOrganisations && (
          <li>
            <a class="fr-btn fr-btn--secondary" href="/admin/organisations/nouvelle">
              Créer une organisation
            </a>
          </li>
        )}
      </ul>

      {actor.isOperator && (
        <section class="fr-mt-4w">
          <h2>Territoires</h2>
          {props.territories.length === 0 ? (
            <p>Aucun territoire pour l’instant.</p>
          ) : (
            <Table
              id="territoires"
              caption="Territoires de la plateforme"
              captionHidden
              headers={['Territoire', 'Type', 'Code', 'Organisations']}
            >
              {props.territories.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{territoryKindLabels[t.kind]}</td>
                  <td>{t.code}</td>
                  <td>{t.organisationCount}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      )}

      {props.administered.length > 0 && (
        <section class="fr-mt-4w">
          <h2>{actor.isOperator ? 'Organisations' : 'Organisations que vous administrez'}</h2>
          <Table
            id="organisations-administrees"
            caption={actor.isOperator ? 'Toutes les organisations' : 'Organisations que vous administrez'}
            captionHidden
            headers={['Organisation', 'Type', 'Territoire', 'Membres']}
          >
            {props.administered.map((o) => (
              <tr>
                <td>
                  <a href={organisationPath(o.slug)}>{o.name}</a>
                </td>
                <td>{organisationKindLabels[o.kind]}</td>
                <td>{o.territoryName ?? 'Aucun (national)'}</td>
                <td>{o.memberCount}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}
    </>
  );
}
