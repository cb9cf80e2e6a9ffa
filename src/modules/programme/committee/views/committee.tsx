import {
  Breadcrumb,
  type FormState,
  PostForm,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import { SPACE } from '../../part.ts';
import { type CommitteeDossier, seesDecisions } from '../access.ts';
import { describeConflict } from '../conflicts.ts';
import { longDateTime, longDay, shortDateTime } from '../format.ts';
import { cohortCommitteesPath, committeeEditPath, committeePath, itemPath } from '../paths.ts';
import {
  CommitteeFields,
  DecisionBadge,
  formatMean,
  MaterialsBadge,
  Paragraphs,
  programmeCrumb,
} from './parts.tsx';

export function CommitteeCrumbs({ dossier, current }: { dossier: CommitteeDossier; current?: string }) {
  const { cohort, committee } = dossier;
  return (
    <Breadcrumb
      items={[
        programmeCrumb,
        { label: cohort.name, href: `${SPACE}/saisons/${cohort.slug}` },
        { label: 'Comités', href: cohortCommitteesPath(cohort.slug) },
        current ? { label: committee.title, href: committeePath(committee.id) } : { label: committee.title },
        ...(current ? [{ label: current }] : []),
      ]}
    />
  );
}

/** When and where, and the materials' due date (D-7), shown on every committee page. */
export function CommitteeFacts({ dossier }: { dossier: CommitteeDossier }) {
  const { committee } = dossier;
  return (
    <ul class="fr-mb-4w">
      <li>
        <strong>Date :</strong> {longDateTime(committee.meetsAt)}
      </li>
      {committee.place && (
        <li>
          <strong>Lieu :</strong> {committee.place}
        </li>
      )}
      <li>
        <strong>Documents à déposer au plus tard le :</strong> {longDay(dossier.dueOn)} (J-7)
      </li>
    </ul>
  );
}

function Agenda({ dossier }: { dossier: CommitteeDossier }) {
  const { items, committee, dueOn } = dossier;
  if (items.length === 0) return <p>L’ordre du jour est vide.</p>;
  const full = dossier.viewer.seesAll;
  const decisions = seesDecisions(dossier);
  const headers = full
    ? ['Rang', 'Projet', 'Documents', 'Note moyenne', 'Votes (go / provisoire / stop)', 'Décision']
    : ['Projet', 'Documents', ...(decisions ? ['Décision'] : [])];
  return (
    <Table caption={full ? 'Ordre du jour' : 'Votre projet à l’ordre du jour'} headers={headers}>
      {items.map((item, index) => (
        <tr>
          {full && <td>{index + 1}</td>}
          <td>
            <a href={itemPath(committee.id, item.id)}>{item.project.title}</a>
          </td>
          <td>
            <MaterialsBadge item={item} dueOn={dueOn} />
          </td>
          {full && <td>{formatMean(item.tally.meanScore)}</td>}
          {full && (
            <td>
              {item.tally.counts.go} / {item.tally.counts.provisoire} / {item.tally.counts.stop}
              {item.tally.awaiting > 0 && <span class="fr-hint-text">{item.tally.awaiting} en attente</span>}
            </td>
          )}
          {decisions && (
            <td>
              <DecisionBadge decision={item.decision} />
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}

function Members({ dossier }: { dossier: CommitteeDossier }) {
  if (dossier.members.length === 0) return <p>Aucun membre n’est encore désigné.</p>;
  return (
    <Table
      caption="Membres du comité et conflits d’intérêts"
      headers={['Membre', 'Adresse', 'Conflits d’intérêts']}
    >
      {dossier.members.map((m) => {
        const conflicted = dossier.items.filter((i) => i.conflicts.has(m.agentId));
        return (
          <tr>
            <td>{`${m.firstName} ${m.lastName}`}</td>
            <td>{m.email}</td>
            <td>
              {conflicted.length === 0 ? (
                'Aucun'
              ) : (
                <ul>
                  {conflicted.map((i) => (
                    <li>
                      {i.project.title} — en conflit d’intérêts : ne vote pas (
                      {i.conflicts.get(m.agentId)!.map(describeConflict).join(' ; ')})
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

function Minutes(props: { dossier: CommitteeDossier; form: FormState; csrfToken: string }) {
  const { committee, viewer } = props.dossier;
  if (committee.minutesPublishedAt)
    return (
      <>
        <p class="fr-hint-text">Publié le {shortDateTime(committee.minutesPublishedAt)}.</p>
        <Paragraphs text={committee.minutes} />
      </>
    );
  if (!viewer.isStaff) return <p>Le compte rendu n’est pas encore publié.</p>;
  return (
    <>
      <FormErrors form={props.form} labels={{ compte_rendu: 'Compte rendu' }} />
      <PostForm action={`${committeePath(committee.id)}/compte-rendu`} csrfToken={props.csrfToken}>
        <Textarea
          form={props.form}
          name="compte_rendu"
          label="Compte rendu"
          hint="Visible des membres tant qu’il n’est pas publié. À la publication, chaque équipe et son coach reçoivent un courriel et voient le compte rendu et la décision sur leur projet ; décisions et compte rendu ne peuvent plus être modifiés."
          rows={10}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn fr-btn--secondary" name="action" value="enregistrer">
              Enregistrer le brouillon
            </button>
          </li>
          <li>
            <button type="submit" class="fr-btn" name="action" value="publier">
              Publier le compte rendu
            </button>
          </li>
        </ul>
      </PostForm>
    </>
  );
}

/** /programme/espace/comites/:committeeId */
export function CommitteePage(props: { dossier: CommitteeDossier; form: FormState; csrfToken: string }) {
  const { dossier } = props;
  const { committee, viewer } = dossier;
  return (
    <>
      <CommitteeCrumbs dossier={dossier} />
      <h1>{committee.title}</h1>
      <CommitteeFacts dossier={dossier} />
      {viewer.isStaff && !committee.minutesPublishedAt && (
        <p>
          <a class="fr-btn fr-btn--secondary fr-btn--sm" href={committeeEditPath(committee.id)}>
            Modifier la date, les membres ou l’ordre du jour
          </a>
        </p>
      )}
      <section class="fr-mb-6w" aria-labelledby="ordre-du-jour">
        <h2 id="ordre-du-jour">{viewer.seesAll ? 'Ordre du jour' : 'Votre projet'}</h2>
        <Agenda dossier={dossier} />
        {viewer.seesAll && (
          <p class="fr-text--sm">
            La note moyenne et les votes ne comptent que les membres sans conflit d’intérêts sur le projet.
          </p>
        )}
      </section>
      {viewer.seesAll && (
        <section class="fr-mb-6w" aria-labelledby="membres">
          <h2 id="membres">Membres</h2>
          <Members dossier={dossier} />
        </section>
      )}
      {(viewer.seesAll || committee.minutesPublishedAt) && (
        <section class="fr-mb-6w" aria-labelledby="compte-rendu">
          <h2 id="compte-rendu">Compte rendu</h2>
          <Minutes dossier={dossier} form={props.form} csrfToken={props.csrfToken} />
        </section>
      )}
    </>
  );
}

/** /programme/espace/comites/:committeeId/modifier */
export function CommitteeEditPage(props: {
  dossier: CommitteeDossier;
  projects: { id: string; title: string }[];
  form: FormState;
  csrfToken: string;
}) {
  const { dossier } = props;
  return (
    <>
      <CommitteeCrumbs dossier={dossier} current="Modifier" />
      <h1>Modifier le comité</h1>
      <PostForm action={committeeEditPath(dossier.committee.id)} csrfToken={props.csrfToken}>
        <CommitteeFields
          form={props.form}
          projects={props.projects}
          decidedProjectIds={dossier.items.filter((i) => i.decision).map((i) => i.project.id)}
        />
        <SubmitButton>Enregistrer</SubmitButton>
      </PostForm>
    </>
  );
}
