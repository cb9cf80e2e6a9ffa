import {
  Breadcrumb,
  type FormState,
  PostForm,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { SPACE } from '../../part.ts';
import { longDateTime, longDay } from '../format.ts';
import { cohortCommitteesPath, committeePath } from '../paths.ts';
import type { CohortCommittees } from '../schedule.service.ts';
import { CommitteeFields, programmeCrumb } from './parts.tsx';

/** /programme/espace/saisons/:cohortSlug/comites — the cohort's committees; staff schedule new ones. */
export function CohortCommitteesPage(props: { view: CohortCommittees; form: FormState; csrfToken: string }) {
  const { cohort, committees, isStaff, projects } = props.view;
  return (
    <>
      <Breadcrumb
        items={[
          programmeCrumb,
          { label: cohort.name, href: `${SPACE}/saisons/${cohort.slug}` },
          { label: 'Comités' },
        ]}
      />
      <h1>Comités de délibération</h1>
      <p class="fr-text--lead">
        {cohort.name} : les comités décident quels projets continuent en startup de territoire. Les documents
        de chaque équipe sont dus 7 jours avant le comité.
      </p>
      {committees.length === 0 ? (
        <p>
          {isStaff
            ? 'Aucun comité n’est programmé pour cette saison.'
            : 'Aucun comité ne vous concerne pour l’instant.'}
        </p>
      ) : (
        <Table
          caption="Comités de la saison"
          headers={['Comité', 'Date et heure', 'Lieu', 'Documents dus le', 'Projets', 'Compte rendu']}
        >
          {committees.map((c) => (
            <tr>
              <td>
                <a href={committeePath(c.id)}>{c.title}</a>
              </td>
              <td>{longDateTime(c.meetsAt)}</td>
              <td>{c.place || '—'}</td>
              <td>{longDay(c.dueOn)}</td>
              <td>{c.items}</td>
              <td>{c.minutesPublishedAt ? 'Publié' : 'Pas encore publié'}</td>
            </tr>
          ))}
        </Table>
      )}
      {isStaff && (
        <section class="fr-mt-6w" aria-labelledby="programmer">
          <h2 id="programmer">Programmer un comité</h2>
          <PostForm action={cohortCommitteesPath(cohort.slug)} csrfToken={props.csrfToken}>
            <CommitteeFields form={props.form} projects={projects} />
            <SubmitButton>Programmer le comité</SubmitButton>
          </PostForm>
        </section>
      )}
    </>
  );
}
