import {
  emptyForm,
  FileInput,
  type FormState,
  Input,
  PostForm,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { Choices, Field, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import { committeeDecisionLabels } from '../../labels.ts';
import { canWorkOnProject } from '../../policy.ts';
import { type CommitteeDossier, type ItemView, seesDecisions } from '../access.ts';
import { describeConflict } from '../conflicts.ts';
import { longDay, shortDateTime } from '../format.ts';
import { ACCEPTED_EXTENSIONS } from '../materials.service.ts';
import { itemPath, materialsFilePath } from '../paths.ts';
import { decisionLabels, decisions, materialsLabels, provisionalWindow, voteLabels } from '../schemas.ts';
import { CommitteeCrumbs, CommitteeFacts } from './committee.tsx';
import { DecisionBadge, formatMean, MaterialsBadge, Paragraphs } from './parts.tsx';

export type ItemForms = {
  materials?: FormState;
  vote?: FormState;
  conflict?: FormState;
  decision?: FormState;
};

const voteOptions = decisions.map((d) => ({ value: d, label: committeeDecisionLabels[d] }));
const sizeInWords = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

function nameOf(dossier: CommitteeDossier, agentId: string): string {
  const m = dossier.members.find((x) => x.agentId === agentId);
  return m ? `${m.firstName} ${m.lastName}` : 'Ancien membre';
}

function Materials(props: {
  dossier: CommitteeDossier;
  item: ItemView;
  form?: FormState;
  csrfToken: string;
}) {
  const { dossier, item } = props;
  const mayDeposit =
    canWorkOnProject(dossier.viewer.actor, item.facts) &&
    !item.decision &&
    !dossier.committee.minutesPublishedAt;
  const action = `${itemPath(dossier.committee.id, item.id)}/documents`;
  const form = props.form ?? emptyForm({ resume: item.materialsSummary, lien: item.materialsLink });
  return (
    <section class="fr-mb-6w" aria-labelledby="documents">
      <h2 id="documents">Documents de l’équipe</h2>
      <MaterialsBadge item={item} dueOn={dossier.dueOn} />
      {item.materialsSummary && (
        <>
          <h3 class="fr-h6 fr-mt-2w">Résumé</h3>
          <Paragraphs text={item.materialsSummary} />
        </>
      )}
      {(item.materialsLink || item.materialsFileName) && (
        <ul class="fr-mt-2w">
          {item.materialsLink && (
            <li>
              Lien :{' '}
              <a href={item.materialsLink} rel="noopener noreferrer">
                {item.materialsLink}
              </a>
            </li>
          )}
          {item.materialsFileName && (
            <li>
              <a href={materialsFilePath(dossier.committee.id, item.id)} download>
                Télécharger « {item.materialsFileName} » ({sizeInWords(item.materialsFileBytes ?? 0)})
              </a>
            </li>
          )}
        </ul>
      )}
      {mayDeposit && (
        <>
          <h3 class="fr-h5 fr-mt-4w">
            {item.materialsSubmittedAt ? 'Mettre à jour les documents' : 'Déposer les documents'}
          </h3>
          <p>
            À déposer au plus tard le {longDay(dossier.dueOn)}. Un dépôt plus tardif reste possible mais il
            est signalé en retard aux membres.
          </p>
          <FormErrors form={form} labels={materialsLabels} />
          <PostForm action={action} csrfToken={props.csrfToken} multipart>
            <Textarea
              form={form}
              name="resume"
              label="Résumé"
              hint="Où en est le projet, ce que l’équipe propose."
              rows={6}
            />
            <Input
              form={form}
              name="lien"
              label="Lien"
              type="url"
              hint="Une présentation en ligne, un pad… (facultatif)"
            />
            <FileInput
              form={form}
              name="fichier"
              label={item.materialsFileName ? 'Remplacer le fichier' : 'Fichier'}
              hint={`PDF, ODP, PPTX, ODT ou DOCX, 10 Mo au plus. Facultatif${item.materialsFileName ? ' : sans nouveau fichier, le précédent est gardé' : ''}.`}
              accept={ACCEPTED_EXTENSIONS.join(',')}
            />
            <SubmitButton>Déposer</SubmitButton>
          </PostForm>
        </>
      )}
    </section>
  );
}

function Conflicts({ dossier, item }: { dossier: CommitteeDossier; item: ItemView }) {
  const conflicted = dossier.members.filter((m) => item.conflicts.has(m.agentId));
  return (
    <section class="fr-mb-6w" aria-labelledby="conflits">
      <h2 id="conflits">Conflits d’intérêts</h2>
      {conflicted.length === 0 ? (
        <p>Aucun membre n’est en conflit d’intérêts sur ce projet.</p>
      ) : (
        <ul>
          {conflicted.map((m) => (
            <li>
              {m.firstName} {m.lastName} — en conflit d’intérêts : ne vote pas (
              {item.conflicts.get(m.agentId)!.map(describeConflict).join(' ; ')})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Votes({ dossier, item }: { dossier: CommitteeDossier; item: ItemView }) {
  const counted = item.votes.filter(
    (v) => dossier.members.some((m) => m.agentId === v.memberAgentId) && !item.conflicts.has(v.memberAgentId),
  );
  const { tally } = item;
  return (
    <section class="fr-mb-6w" aria-labelledby="votes">
      <h2 id="votes">Votes</h2>
      <p>
        Note moyenne : <strong>{formatMean(tally.meanScore)}</strong> ({tally.counted} vote
        {tally.counted > 1 ? 's' : ''}, {tally.awaiting} en attente) — go : {tally.counts.go}, provisoire :{' '}
        {tally.counts.provisoire}, stop : {tally.counts.stop}. Seuls les membres sans conflit d’intérêts
        comptent.
      </p>
      {counted.length > 0 && (
        <Table
          caption="Votes des membres"
          headers={['Membre', 'Note', 'Décision soutenue', 'Commentaire', 'Le']}
        >
          {counted.map((v) => (
            <tr>
              <td>{nameOf(dossier, v.memberAgentId)}</td>
              <td>{v.score} / 4</td>
              <td>{committeeDecisionLabels[v.vote]}</td>
              <td>{v.comment || '—'}</td>
              <td>{shortDateTime(v.votedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** A member's own part: their vote (or why they do not vote) and their declaration of conflict. */
function MyVote(props: { dossier: CommitteeDossier; item: ItemView; forms: ItemForms; csrfToken: string }) {
  const { dossier, item } = props;
  const me = dossier.viewer.actor.agentId;
  const base = itemPath(dossier.committee.id, item.id);
  const reasons = item.conflicts.get(me);
  const open = !item.decision && !dossier.committee.minutesPublishedAt;
  const mine = item.votes.find((v) => v.memberAgentId === me);
  const voteForm =
    props.forms.vote ??
    emptyForm(mine ? { note: String(mine.score), avis: mine.vote, commentaire: mine.comment } : {});
  const conflictForm = props.forms.conflict ?? emptyForm();
  const declared = reasons?.some((r) => r.kind === 'declare');
  return (
    <section class="fr-mb-6w" aria-labelledby="mon-vote">
      <h2 id="mon-vote">Mon vote</h2>
      {reasons ? (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <p>
            Vous êtes en conflit d’intérêts sur ce projet ({reasons.map(describeConflict).join(' ; ')}) : vous
            ne votez pas.
          </p>
        </div>
      ) : !open ? (
        <p>
          {mine
            ? `Vous avez donné ${mine.score} / 4 et soutenu : ${committeeDecisionLabels[mine.vote]}.`
            : 'Vous n’avez pas voté.'}{' '}
          La décision est enregistrée : les votes sont clos.
        </p>
      ) : (
        <>
          <FormErrors form={voteForm} labels={voteLabels} />
          <PostForm action={`${base}/vote`} csrfToken={props.csrfToken}>
            <Choices
              form={voteForm}
              name="note"
              kind="radio"
              inline
              required
              label="Note"
              hint="De 0 (le projet ne doit pas continuer) à 4 (il doit continuer sans réserve)."
              options={['0', '1', '2', '3', '4'].map((n) => ({ value: n, label: n }))}
            />
            <Choices
              form={voteForm}
              name="avis"
              kind="radio"
              required
              label="Décision que vous soutenez"
              options={voteOptions}
            />
            <Textarea form={voteForm} name="commentaire" label="Commentaire" hint="Facultatif." />
            <SubmitButton>{mine ? 'Modifier mon vote' : 'Voter'}</SubmitButton>
          </PostForm>
        </>
      )}
      {open && declared && (
        <PostForm action={`${base}/conflit/retirer`} csrfToken={props.csrfToken}>
          <SubmitButton secondary>Retirer ma déclaration de conflit</SubmitButton>
        </PostForm>
      )}
      {open && !declared && (
        <details class="fr-mt-4w" open={Object.keys(conflictForm.errors).length > 0}>
          <summary>Déclarer un conflit d’intérêts sur ce projet</summary>
          <FormErrors form={conflictForm} labels={{ raison: 'Raison' }} />
          <PostForm action={`${base}/conflit`} csrfToken={props.csrfToken}>
            <Textarea
              form={conflictForm}
              name="raison"
              label="Raison"
              required
              hint="Par exemple : « le porteur du problème est un proche ». Vous ne voterez pas sur ce projet."
            />
            <SubmitButton secondary>Déclarer le conflit</SubmitButton>
          </PostForm>
        </details>
      )}
    </section>
  );
}

function DecisionShown({ item }: { item: ItemView }) {
  return (
    <>
      <DecisionBadge decision={item.decision} />
      {item.decisionNote && <Paragraphs text={item.decisionNote} />}
      {item.decision === 'provisoire' && (
        <>
          <h3 class="fr-h6 fr-mt-2w">Preuves demandées, pour le {longDay(item.dueOn!)}</h3>
          <Paragraphs text={item.evidenceRequest} />
        </>
      )}
      {item.decision === 'stop' && (
        <>
          <h3 class="fr-h6 fr-mt-2w">Post-mortem</h3>
          <Paragraphs text={item.postMortem} />
        </>
      )}
    </>
  );
}

function DecisionForm(props: {
  dossier: CommitteeDossier;
  item: ItemView;
  form?: FormState;
  csrfToken: string;
}) {
  const { dossier, item } = props;
  const base = itemPath(dossier.committee.id, item.id);
  const window = provisionalWindow(dossier.day);
  const form =
    props.form ??
    emptyForm(
      item.decision
        ? {
            decision: item.decision,
            motivation: item.decisionNote,
            preuves: item.evidenceRequest,
            echeance: item.dueOn ?? '',
            post_mortem: item.postMortem,
          }
        : {},
    );
  return (
    <>
      <h3 class="fr-h5 fr-mt-4w">{item.decision ? 'Corriger la décision' : 'Enregistrer la décision'}</h3>
      <FormErrors form={form} labels={decisionLabels} />
      <PostForm action={`${base}/decision`} csrfToken={props.csrfToken}>
        <Choices
          form={form}
          name="decision"
          kind="radio"
          required
          label="Décision du comité"
          options={[
            {
              value: 'go',
              label: committeeDecisionLabels.go,
              hint: 'La phase d’investigation se termine la veille du comité ; la construction commence le jour du comité.',
            },
            {
              value: 'provisoire',
              label: committeeDecisionLabels.provisoire,
              hint: 'Un à deux mois pour apporter des preuves ; la phase ne change pas.',
            },
            {
              value: 'stop',
              label: committeeDecisionLabels.stop,
              hint: 'La phase en cours se termine la veille ; le projet passe en abandon avec le post-mortem.',
            },
          ]}
        />
        <Textarea
          form={form}
          name="motivation"
          label="Motivation"
          hint="Facultatif : les raisons de la décision."
        />
        <Textarea
          form={form}
          name="preuves"
          label="Preuves demandées (décision provisoire)"
          hint="Ce que l’équipe doit démontrer, et comment."
        />
        <Field
          form={form}
          name="echeance"
          type="date"
          label="Échéance (décision provisoire)"
          hint={`Entre le ${longDay(window.from)} et le ${longDay(window.to)}.`}
        />
        <Textarea
          form={form}
          name="post_mortem"
          label="Post-mortem (arrêt)"
          hint="Quelques lignes : ce que l’équipe a appris, pourquoi le projet s’arrête."
          rows={5}
        />
        <SubmitButton>{item.decision ? 'Corriger la décision' : 'Enregistrer la décision'}</SubmitButton>
      </PostForm>
      {item.decision && (
        <PostForm action={`${base}/decision/retirer`} csrfToken={props.csrfToken} class="fr-mt-2w">
          <SubmitButton secondary>Retirer la décision (rouvre les votes)</SubmitButton>
        </PostForm>
      )}
    </>
  );
}

/** /programme/espace/comites/:committeeId/points/:itemId — one project before the committee. */
export function ItemPage(props: {
  dossier: CommitteeDossier;
  item: ItemView;
  forms: ItemForms;
  csrfToken: string;
}) {
  const { dossier, item } = props;
  const { viewer, committee } = dossier;
  const chairMayDecide = viewer.isStaff && !committee.minutesPublishedAt;
  return (
    <>
      <CommitteeCrumbs dossier={dossier} current={item.project.title} />
      <h1>{item.project.title}</h1>
      <p class="fr-text--lead">Devant le comité « {committee.title} ».</p>
      <CommitteeFacts dossier={dossier} />
      <Materials dossier={dossier} item={item} form={props.forms.materials} csrfToken={props.csrfToken} />
      {viewer.seesAll && <Conflicts dossier={dossier} item={item} />}
      {viewer.seesAll && <Votes dossier={dossier} item={item} />}
      {viewer.isMember && (
        <MyVote dossier={dossier} item={item} forms={props.forms} csrfToken={props.csrfToken} />
      )}
      {(seesDecisions(dossier) || chairMayDecide) && (
        <section class="fr-mb-6w" aria-labelledby="decision">
          <h2 id="decision">Décision</h2>
          {seesDecisions(dossier) && <DecisionShown item={item} />}
          {chairMayDecide && (
            <DecisionForm
              dossier={dossier}
              item={item}
              form={props.forms.decision}
              csrfToken={props.csrfToken}
            />
          )}
        </section>
      )}
      {committee.minutesPublishedAt && (
        <section class="fr-mb-6w" aria-labelledby="compte-rendu">
          <h2 id="compte-rendu">Compte rendu du comité</h2>
          <Paragraphs text={committee.minutes} />
        </section>
      )}
    </>
  );
}
