import { Table } from '../../../../../platform/web/components.tsx';
import { CallStateBadge, formatDay, formatInstant, Paragraphs, ProgrammeBreadcrumb } from '../../parts.tsx';
import { paths } from '../../paths.ts';
import type { SeasonPage as Page } from '../season.service.ts';

const days = (n: number) => (n === 1 ? '1 jour' : `${String(n).replace('.', ',')} jours`);

/** A season: what it is, who takes part, its calls, its figures, and the pages of its later stages. */
export function SeasonPage({ page }: { page: Page }) {
  const { cohort, roles } = page;
  return (
    <>
      <ProgrammeBreadcrumb items={[{ label: cohort.name }]} />
      <h1>{cohort.name}</h1>
      <p class="fr-text--lead">
        Du {formatDay(cohort.startsOn)} au {formatDay(cohort.endsOn)}, portée par {page.incubatorName}.
      </p>
      <Paragraphs text={cohort.description} />
      {roles.configure && (
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
          <li>
            <a class="fr-btn" href={paths.newCall(cohort.slug)}>
              Nouvel appel à problèmes
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={paths.editSeason(cohort.slug)}>
              Modifier la saison
            </a>
          </li>
        </ul>
      )}

      <h2>En chiffres</h2>
      <ul>
        <li>{page.counts.submitted} problème(s) soumis</li>
        <li>{page.counts.retained} problème(s) retenu(s)</li>
        <li>{page.counts.projects} projet(s)</li>
        <li>{page.counts.agents} agent(s) dans les équipes</li>
        <li>
          Détachement par défaut : {days(Number(cohort.detachmentDaysPerWeek))} par semaine pendant{' '}
          {cohort.detachmentWeeks} semaines
        </li>
      </ul>

      <h2>Appels à problèmes</h2>
      {page.calls.length === 0 ? (
        <p>Aucun appel à problèmes pour l’instant.</p>
      ) : (
        <Table
          caption="Appels à problèmes de la saison"
          captionHidden
          headers={['Appel', 'Ouverture', 'Clôture', 'État']}
        >
          {page.calls.map((call) => (
            <tr>
              <td>
                <a href={paths.call(call.id)}>{call.title}</a>
              </td>
              <td>{formatInstant(call.opensAt)}</td>
              <td>{formatInstant(call.closesAt)}</td>
              <td>
                <CallStateBadge state={call.state} />
              </td>
            </tr>
          ))}
        </Table>
      )}

      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <h2>Collectivités partenaires</h2>
          {page.partners.length === 0 ? (
            <p>Aucune collectivité partenaire.</p>
          ) : (
            <ul>
              {page.partners.map((p) => (
                <li>{p.name}</li>
              ))}
            </ul>
          )}
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h2>Coachs</h2>
          {page.coaches.length === 0 ? (
            <p>Aucun coach désigné pour l’instant.</p>
          ) : (
            <ul>
              {page.coaches.map((c) => (
                <li>
                  {c.firstName} {c.lastName} (<a href={`mailto:${c.email}`}>{c.email}</a>)
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <h2>Suite du programme</h2>
      <ul>
        <li>
          <a href={paths.seasonProjects(cohort.slug)}>Projets de la saison</a>
        </li>
        <li>
          <a href={paths.seasonMilestones(cohort.slug)}>Jalons</a>
        </li>
        <li>
          <a href={paths.seasonCommittees(cohort.slug)}>Comités</a>
        </li>
      </ul>
    </>
  );
}
