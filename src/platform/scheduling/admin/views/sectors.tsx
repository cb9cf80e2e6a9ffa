import type { Commune, SearchResult } from '../../../geo/administrative.ts';
import { CsrfField, type FormState, Table } from '../../../web/components.tsx';
import { Choices } from '../../../web/fields.tsx';
import type { AgentChoice, SettingsOrganisation } from '../organisation-context.service.ts';
import type { SectorCommune } from '../sectors.service.ts';
import { FormColumn, nameOptions, SettingsHeader, settingsPath } from './parts.tsx';

export type SectorSearch = {
  commune?: { query: string; results: Commune[] };
  epci?: { query: string; results: SearchResult[] };
};

function SearchForm(props: {
  organisation: SettingsOrganisation;
  name: string;
  label: string;
  hint: string;
  value?: string;
}) {
  const id = `recherche-${props.name}`;
  return (
    <form method="get" action="/rendez-vous/parametres/secteur" class="fr-mb-2w">
      <input type="hidden" name="organisation" value={props.organisation.slug} />
      <div class="fr-input-group">
        <label class="fr-label" for={id}>
          {props.label}
          <span class="fr-hint-text">{props.hint}</span>
        </label>
        <div class="fr-search-bar">
          <input class="fr-input" type="search" id={id} name={props.name} value={props.value ?? ''} />
          <button type="submit" class="fr-btn" title={`Rechercher : ${props.label}`}>
            Rechercher
          </button>
        </div>
      </div>
    </form>
  );
}

function AddButton(props: {
  action: string;
  csrfToken: string;
  field: string;
  value: string;
  label: string;
  srLabel: string;
}) {
  return (
    <form method="post" action={props.action} class="fr-mb-0">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name={props.field} value={props.value} />
      <button
        type="submit"
        class="fr-btn fr-btn--sm fr-btn--secondary"
        aria-label={`${props.label} : ${props.srLabel}`}
      >
        {props.label}
      </button>
    </form>
  );
}

export function SectorsPage(props: {
  organisation: SettingsOrganisation;
  communes: SectorCommune[];
  search: SectorSearch;
  csrfToken: string;
}) {
  const { organisation, communes, search } = props;
  const served = new Set(communes.map((c) => c.code));
  return (
    <>
      <SettingsHeader organisation={organisation} section="secteur" title="Sectorisation" />
      <p>
        Les personnes d’une commune du secteur voient les lieux et les agents de l’organisation quand elles
        prennent rendez-vous. Par défaut, tous les agents servent toutes les communes du secteur ; vous pouvez
        nommer les agents d’une commune.
      </p>
      {organisation.mayConfigure && (
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
          <div class="fr-col-12 fr-col-md-6">
            <h2 class="fr-h5">Ajouter une commune</h2>
            <SearchForm
              organisation={organisation}
              name="commune"
              label="Commune"
              hint="Nom, code postal ou code INSEE"
              value={search.commune?.query}
            />
            {search.commune && (
              <ResultList
                empty="Aucune commune ne correspond."
                items={search.commune.results.map((c) => ({
                  key: c.code,
                  text: `${c.name} (${c.postalCodes.join(', ')})`,
                  done: served.has(c.code),
                }))}
                action={settingsPath('secteur/communes', organisation.slug)}
                field="communeCode"
                csrfToken={props.csrfToken}
                label="Ajouter"
              />
            )}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <h2 class="fr-h5">Ajouter toutes les communes d’un EPCI</h2>
            <SearchForm
              organisation={organisation}
              name="epci"
              label="EPCI"
              hint="Communauté de communes, d’agglomération, métropole…"
              value={search.epci?.query}
            />
            {search.epci && (
              <ResultList
                empty="Aucun EPCI ne correspond."
                items={search.epci.results.map((e) => ({
                  key: e.code,
                  text: e.detail,
                  done: false,
                }))}
                action={settingsPath('secteur/epci', organisation.slug)}
                field="siren"
                csrfToken={props.csrfToken}
                label="Ajouter ses communes"
              />
            )}
          </div>
        </div>
      )}
      <h2 class="fr-h4">Communes desservies</h2>
      {communes.length === 0 ? (
        <p>Aucune commune : l’organisation n’est proposée à personne selon sa commune.</p>
      ) : (
        <Table
          id="secteur"
          caption={`${communes.length} commune${communes.length > 1 ? 's' : ''} desservie${communes.length > 1 ? 's' : ''}`}
          headers={['Commune', 'Code INSEE', 'Agents', ...(organisation.mayConfigure ? ['Actions'] : [])]}
        >
          {communes.map((c) => (
            <tr>
              <td>{c.name}</td>
              <td>{c.code}</td>
              <td class="fr-cell--multiline">
                {c.agents.length === 0 ? 'Tous les agents' : c.agents.map((a) => a.name).join(', ')}
              </td>
              {organisation.mayConfigure && (
                <td>
                  <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                    <li>
                      <a
                        class="fr-btn fr-btn--sm fr-btn--tertiary"
                        href={settingsPath(
                          `secteur/communes/${encodeURIComponent(c.code)}`,
                          organisation.slug,
                        )}
                      >
                        Choisir les agents
                      </a>
                    </li>
                    <li>
                      <form
                        method="post"
                        action={settingsPath(
                          `secteur/communes/${encodeURIComponent(c.code)}/retrait`,
                          organisation.slug,
                        )}
                      >
                        <CsrfField token={props.csrfToken} />
                        <button
                          type="submit"
                          class="fr-btn fr-btn--sm fr-btn--tertiary"
                          aria-label={`Retirer ${c.name}`}
                        >
                          Retirer
                        </button>
                      </form>
                    </li>
                  </ul>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

function ResultList(props: {
  empty: string;
  items: { key: string; text: string; done: boolean }[];
  action: string;
  field: string;
  csrfToken: string;
  label: string;
}) {
  if (props.items.length === 0) return <p>{props.empty}</p>;
  return (
    <ul class="fr-raw-list">
      {props.items.map((item) => (
        <li class="fr-mb-1w">
          <div class="fr-grid-row fr-grid-row--middle fr-grid-row--gutters">
            <div class="fr-col">{item.text}</div>
            <div class="fr-col-auto">
              {item.done ? (
                <span class="fr-text--sm">Déjà desservie</span>
              ) : (
                <AddButton
                  action={props.action}
                  csrfToken={props.csrfToken}
                  field={props.field}
                  value={item.key}
                  label={props.label}
                  srLabel={item.text}
                />
              )}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function SectorAgentsPage(props: {
  organisation: SettingsOrganisation;
  commune: SectorCommune;
  agents: AgentChoice[];
  form: FormState;
  csrfToken: string;
}) {
  const { organisation, commune, form } = props;
  const title = `Agents de ${commune.name}`;
  return (
    <>
      <SettingsHeader organisation={organisation} section="secteur" current={title} title={title} />
      <FormColumn form={form} labels={{ agentIds: 'Agents' }}>
        <form
          method="post"
          action={settingsPath(`secteur/communes/${encodeURIComponent(commune.code)}`, organisation.slug)}
          noValidate
        >
          <CsrfField token={props.csrfToken} />
          <Choices
            form={form}
            kind="checkbox"
            name="agentIds"
            label={`Agents qui reçoivent les personnes de ${commune.name}`}
            hint="Ne cochez personne pour que tous les agents de l’organisation servent cette commune."
            options={nameOptions(props.agents)}
          />
          <button type="submit" class="fr-btn">
            Enregistrer
          </button>
        </form>
      </FormColumn>
    </>
  );
}
