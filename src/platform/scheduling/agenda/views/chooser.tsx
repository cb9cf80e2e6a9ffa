import type { OrganisationSummary } from '../../../tenancy/organisation.repository.ts';

/**
 * /rendez-vous for someone with no current organisation (an operator, say): which agenda to open.
 * Organisations are grouped under their territory, as in the administration.
 */
export function AgendaChooserPage({ organisations }: { organisations: OrganisationSummary[] }) {
  const territories = [...new Set(organisations.map((o) => o.territoryName ?? 'Sans territoire'))];
  return (
    <>
      <h1>Rendez-vous</h1>
      {organisations.length === 0 ? (
        <p>Vous n’êtes membre d’aucune organisation : aucun agenda à ouvrir.</p>
      ) : (
        <>
          <p class="fr-text--lead">Choisissez l’organisation dont vous voulez ouvrir l’agenda.</p>
          {territories.map((territory) => (
            <section class="fr-mb-4w">
              <h2 class="fr-h5">{territory}</h2>
              <ul>
                {organisations
                  .filter((o) => (o.territoryName ?? 'Sans territoire') === territory)
                  .map((o) => (
                    <li>
                      <a href={`/rendez-vous?organisation=${encodeURIComponent(o.slug)}`}>{o.name}</a>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
