import { SecondaryAction } from '../../../../platform/scheduling/admin/views/parts.tsx';
import { type FormState, PostForm, SubmitButton, Table } from '../../../../platform/web/components.tsx';
import { Choices, Field, FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import type { JournalProject } from '../access.ts';
import type { Interview, InterviewListEntry } from '../interviews.repository.ts';
import { journalPath } from '../paths.ts';
import { interviewLabels } from '../schemas.ts';
import { FormHeader, formatDay, formatInstantDay, JournalBreadcrumb, Paragraphs } from './parts.tsx';

/** Interviews: the list (role and date only), one interview's page, its form. */

export function InterviewRows(props: { slug: string; rows: InterviewListEntry[]; caption: string }) {
  return (
    <Table
      caption={props.caption}
      captionHidden
      headers={['Date', 'Personne rencontrée', 'Consentement', 'Détail']}
    >
      {props.rows.map((row) => (
        <tr>
          <td>{formatDay(row.interviewedOn)}</td>
          <td>{row.role}</td>
          <td>
            {row.consentRecorded ? 'Recueilli' : 'Non recueilli'}
            {row.anonymisedAt && (
              <>
                <br />
                <span class="fr-text--xs">Anonymisé le {formatInstantDay(row.anonymisedAt)}</span>
              </>
            )}
          </td>
          <td>
            <a href={journalPath(props.slug, `/entretiens/${row.id}`)}>
              Lire
              <span class="fr-sr-only">
                {' '}
                l’entretien du {formatDay(row.interviewedOn)} ({row.role})
              </span>
            </a>
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function InterviewListPage(props: { project: JournalProject; interviews: InterviewListEntry[] }) {
  const { project } = props;
  return (
    <>
      <JournalBreadcrumb project={project} current="Entretiens" />
      <h1 class="fr-mb-1w">Entretiens</h1>
      <p class="fr-text--lead">{project.title}</p>
      {project.mayWrite && (
        <p>
          <a
            class="fr-btn fr-btn--icon-left fr-icon-add-line"
            href={journalPath(project.slug, '/entretiens/nouveau')}
          >
            Ajouter un entretien
          </a>
        </p>
      )}
      {props.interviews.length === 0 ? (
        <p>Aucun entretien pour l’instant.</p>
      ) : (
        <InterviewRows slug={project.slug} rows={props.interviews} caption="Entretiens du projet" />
      )}
    </>
  );
}

export function InterviewPage(props: { project: JournalProject; interview: Interview }) {
  const { project, interview } = props;
  const title = `Entretien du ${formatDay(interview.interviewedOn)}`;
  return (
    <>
      <JournalBreadcrumb project={project} current={title} />
      <h1 class="fr-mb-1w">{title}</h1>
      <p class="fr-text--lead">{interview.intervieweeRole}</p>
      {interview.anonymisedAt && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>
            Anonymisé le {formatInstantDay(interview.anonymisedAt)}, à la fin de la saison : le nom et les
            coordonnées ont été effacés
            {interview.consentRecorded ? '.' : ', ainsi que les notes (pas de consentement enregistré).'}
          </p>
        </div>
      )}
      <dl>
        <dt class="fr-text--bold">Personne rencontrée</dt>
        <dd>
          {interview.intervieweeName ?? (interview.anonymisedAt ? 'Anonymisée' : 'Non conservé')}
          {interview.intervieweeContact && <> · {interview.intervieweeContact}</>}
        </dd>
        <dt class="fr-text--bold fr-mt-2w">Consentement</dt>
        <dd>{interview.consentRecorded ? `Recueilli : ${interview.consentMode}` : 'Non recueilli'}</dd>
      </dl>
      <h2 class="fr-h4 fr-mt-4w">Notes</h2>
      {interview.notes ? <Paragraphs text={interview.notes} /> : <p>Aucune note.</p>}
      {project.mayWrite && (
        <p class="fr-mt-4w">
          <a
            class="fr-btn fr-btn--secondary"
            href={journalPath(project.slug, `/entretiens/${interview.id}/modifier`)}
          >
            Modifier l’entretien
          </a>
        </p>
      )}
    </>
  );
}

export function InterviewFormPage(props: {
  project: JournalProject;
  interviewId?: string;
  namesLocked: boolean;
  form: FormState;
  csrfToken: string;
}) {
  const { project, form } = props;
  const editing = props.interviewId !== undefined;
  const action = journalPath(
    project.slug,
    editing ? `/entretiens/${props.interviewId}/modifier` : '/entretiens/nouveau',
  );
  // Once anonymised, the fields are offered no more — unless a form opened before came back with a
  // name, which must be shown beside its message so that it can be removed.
  const showNames = !props.namesLocked || Boolean(form.values.nom || form.values.contact);
  return (
    <>
      <FormHeader project={project} title={editing ? 'Modifier l’entretien' : 'Nouvel entretien'} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={form} labels={interviewLabels} />
          <PostForm action={action} csrfToken={props.csrfToken}>
            <Field
              form={form}
              type="text"
              name="role"
              label={interviewLabels.role}
              hint="Ce qui reste de l’entretien une fois anonymisé : « usagère du RSA », « secrétaire d’accueil »…"
              required
            />
            <Field
              form={form}
              type="date"
              name="date"
              label={interviewLabels.date}
              hint="Par exemple 05/03/2019."
              required
            />
            <Choices
              form={form}
              kind="radio"
              name="consentement"
              label="La personne a-t-elle donné son consentement à ce que ses nom, coordonnées et propos soient conservés ?"
              hint="Sans consentement, l’entretien reste anonyme : ni nom ni coordonnées, et les notes sont effacées à la fin de la saison."
              options={[
                { value: 'oui', label: 'Oui' },
                { value: 'non', label: 'Non' },
              ]}
              inline
              required
            />
            <Field
              form={form}
              type="text"
              name="modeConsentement"
              label={interviewLabels.modeConsentement}
              hint="Obligatoire avec un consentement : « oral, en début d’entretien », « formulaire signé »…"
            />
            {props.namesLocked && (
              <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
                <p>
                  Les entretiens de cette saison ont été anonymisés à sa fin : les noms et coordonnées ne sont
                  plus conservés.
                </p>
              </div>
            )}
            {showNames && (
              <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular">
                  Qui avez-vous rencontré ?
                  <span class="fr-hint-text">
                    Seulement avec son consentement. Effacé à la fin de la saison ; chaque consultation est
                    enregistrée.
                  </span>
                </legend>
                <div class="fr-fieldset__element">
                  <Field form={form} type="text" name="nom" label={interviewLabels.nom} autocomplete="off" />
                </div>
                <div class="fr-fieldset__element">
                  <Field
                    form={form}
                    type="text"
                    name="contact"
                    label={interviewLabels.contact}
                    hint="Téléphone ou adresse électronique, pour la recontacter."
                    autocomplete="off"
                  />
                </div>
              </fieldset>
            )}
            <Textarea
              form={form}
              name="notes"
              label={interviewLabels.notes}
              hint="Ce que la personne a dit et montré. Évitez d’y écrire des noms."
              rows={10}
            />
            <SubmitButton>{editing ? 'Enregistrer' : 'Ajouter l’entretien'}</SubmitButton>
          </PostForm>
          {editing && (
            <SecondaryAction
              action={journalPath(project.slug, `/entretiens/${props.interviewId}/supprimer`)}
              csrfToken={props.csrfToken}
            >
              Supprimer l’entretien
            </SecondaryAction>
          )}
        </div>
      </div>
    </>
  );
}
