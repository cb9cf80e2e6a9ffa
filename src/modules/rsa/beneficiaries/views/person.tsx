import { displayPhone } from '../../../../platform/scheduling/agenda/views/parts.tsx';
import {
  ErrorSummary,
  type FormState,
  fieldId,
  formatDateTime,
  PostForm,
  Select,
} from '../../../../platform/web/components.tsx';
import { canBeInvited, statusLabels } from '../../status.ts';
import type { BeneficiaryPage } from '../record.service.ts';
import { formatDay, type TimelineEntry } from '../timeline.ts';
import { channelChoices } from './list.tsx';
import {
  beneficiaryPath,
  personName,
  RsaBreadcrumb,
  roleLabels,
  StatusBadge,
  waitingText,
} from './parts.tsx';

const kindIcons: Record<TimelineEntry['kind'], string> = {
  statut: 'fr-icon-flag-line',
  invitation: 'fr-icon-send-plane-line',
  convocation: 'fr-icon-mail-line',
  message: 'fr-icon-chat-3-line',
  rdv: 'fr-icon-calendar-line',
  questionnaire: 'fr-icon-survey-line',
  decision: 'fr-icon-compass-3-line',
  note: 'fr-icon-edit-line',
};

function Detail({ term, children }: { term: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function PersonPage(props: {
  page: BeneficiaryPage;
  today: string;
  csrfToken: string;
  noteForm: FormState;
  statusForm: FormState;
}) {
  const { page, today, csrfToken } = props;
  const b = page.beneficiary;
  const name = personName(b);
  const wait = waitingText(b, today);
  return (
    <>
      <RsaBreadcrumb items={[{ label: name }]} />
      <h1 class="fr-mb-1w">{name}</h1>
      <div class="fr-mb-3w">
        <StatusBadge status={b.status} />
        <p class="fr-text--sm fr-mt-1v">depuis le {formatDateTime(b.statusChangedAt)}</p>
      </div>
      {page.mayManage && <Actions page={page} csrfToken={csrfToken} />}
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <section class="fr-col-12 fr-col-md-4">
          <h2 class="fr-h5">Identité</h2>
          <dl class="tp-details">
            <Detail term="Nom et prénom">{`${b.lastName} ${b.firstName}`}</Detail>
            <Detail term="Date de naissance">{formatDay(b.birthDate)}</Detail>
            <Detail term="Numéro allocataire">{b.allocataireNumber ?? '—'}</Detail>
            <Detail term="Rôle dans le foyer">{roleLabels[b.role]}</Detail>
            {page.showNir && <Detail term="NIR">{b.nir}</Detail>}
          </dl>
        </section>
        <section class="fr-col-12 fr-col-md-4">
          <h2 class="fr-h5">Contact et adresse</h2>
          <dl class="tp-details">
            <Detail term="Téléphone">
              {b.phone ? <a href={`tel:${b.phone}`}>{displayPhone(b.phone)}</a> : 'non renseigné'}
            </Detail>
            <Detail term="Adresse électronique">
              {b.email ? <a href={`mailto:${b.email}`}>{b.email}</a> : 'non renseignée'}
            </Detail>
            <Detail term="Adresse">
              {b.address || b.postalCode || b.communeName ? (
                <>
                  {b.address}
                  {b.address && <br />}
                  {[b.postalCode, b.communeName].filter(Boolean).join(' ')}
                  {b.communeCode && <span class="fr-text--xs"> (INSEE {b.communeCode})</span>}
                </>
              ) : (
                'non renseignée'
              )}
            </Detail>
          </dl>
        </section>
        <section class="fr-col-12 fr-col-md-4">
          <h2 class="fr-h5">Suivi</h2>
          <dl class="tp-details">
            <Detail term="Droits ouverts le">
              {formatDay(b.rightsOpenedOn)}
              {wait && <> ({wait})</>}
            </Detail>
            <Detail term="Organisation">{page.organisation?.name ?? '—'}</Detail>
            <Detail term="Référent de parcours">
              {page.referent
                ? `${page.referent.firstName} ${page.referent.lastName}`
                : 'aucun pour l’instant'}
            </Detail>
            <Detail term="Étiquettes">
              {b.tags.length ? (
                <ul class="fr-tags-group">
                  {b.tags.map((tag) => (
                    <li>
                      <p class="fr-tag fr-tag--sm">{tag}</p>
                    </li>
                  ))}
                </ul>
              ) : (
                'aucune'
              )}
            </Detail>
          </dl>
        </section>
      </div>

      <section class="fr-mb-6w" aria-labelledby="historique">
        <h2 class="fr-h4" id="historique">
          Historique
        </h2>
        {page.mayManage && <NoteForm id={b.id} form={props.noteForm} csrfToken={csrfToken} />}
        <Timeline entries={page.timeline} />
      </section>

      <section class="fr-mb-6w" aria-labelledby="statuts">
        <h2 class="fr-h4" id="statuts">
          Statuts successifs
        </h2>
        <StatusHistory page={page} />
        {page.mayManage && <FileStatusForm page={page} form={props.statusForm} csrfToken={csrfToken} />}
      </section>
    </>
  );
}

function Actions({ page, csrfToken }: { page: BeneficiaryPage; csrfToken: string }) {
  const b = page.beneficiary;
  const invitable = canBeInvited(b.status);
  return (
    <div class="fr-mb-4w">
      {invitable && (
        <PostForm action={beneficiaryPath(b.id, '/inviter')} csrfToken={csrfToken} class="fr-mb-2w">
          <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
            <div class="fr-col-12 fr-col-md-6">
              <Select
                form={{ values: { channel: 'auto' }, errors: {} }}
                name="channel"
                label="Inviter à prendre rendez-vous, par"
                options={channelChoices}
              />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <button type="submit" class="fr-btn fr-icon-send-plane-line fr-btn--icon-left">
                Inviter
              </button>
            </div>
          </div>
        </PostForm>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-lg fr-btns-group--sm fr-btns-group--icon-left">
        <li>
          <a
            class="fr-btn fr-btn--secondary fr-icon-calendar-line"
            href={beneficiaryPath(b.id, '/convoquer')}
          >
            Convoquer
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--secondary fr-icon-survey-line"
            href={beneficiaryPath(b.id, '/questionnaire')}
          >
            Questionnaire
          </a>
        </li>
        <li>
          <a
            class="fr-btn fr-btn--secondary fr-icon-compass-3-line"
            href={beneficiaryPath(b.id, '/orientation')}
          >
            Décision d’orientation
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-edit-line" href={beneficiaryPath(b.id, '/modifier')}>
            Modifier
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-download-line" href={beneficiaryPath(b.id, '/donnees')}>
            Exporter ses données
          </a>
        </li>
      </ul>
    </div>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p>Rien pour l’instant : la personne n’a pas encore été invitée.</p>;
  return (
    <ol class="tp-agenda-list fr-raw-list" aria-label="Historique, du plus récent au plus ancien">
      {entries.map((entry) => (
        <li class="tp-agenda-item" data-kind={entry.kind}>
          <p class="fr-text--xs fr-mb-0">{formatDateTime(entry.at)}</p>
          <p class="fr-text--bold fr-mb-1v">
            <span class={kindIcons[entry.kind]} aria-hidden="true" /> {entry.title}{' '}
            {entry.badge && (
              <span class={`fr-badge fr-badge--sm fr-badge--no-icon fr-badge--${entry.badge.severity}`}>
                {entry.badge.label}
              </span>
            )}
          </p>
          {entry.lines.map((line) => (
            <p class="fr-text--sm fr-mb-0">{line}</p>
          ))}
          {entry.body && (
            <p class="fr-mb-0">
              {entry.body.split('\n').map((line, index) => (
                <>
                  {index > 0 && <br />}
                  {line}
                </>
              ))}
            </p>
          )}
          {entry.link && (
            <p class="fr-text--sm fr-mb-0">
              <a href={entry.link.href}>{entry.link.label}</a>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

function NoteForm({ id, form, csrfToken }: { id: string; form: FormState; csrfToken: string }) {
  const fid = fieldId('texte');
  const error = form.errors.texte;
  return (
    <PostForm action={beneficiaryPath(id, '/notes')} csrfToken={csrfToken} class="fr-mb-4w">
      <ErrorSummary form={form} labels={{ texte: 'Note' }} />
      <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for={fid}>
          Ajouter une note
          <span class="fr-hint-text" id={`${fid}-aide`}>
            Visible des agents qui suivent la personne. 5 000 caractères au plus.
          </span>
        </label>
        <textarea
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id={fid}
          name="texte"
          rows={3}
          aria-describedby={[`${fid}-aide`, error && `${fid}-erreur`].filter(Boolean).join(' ')}
          aria-invalid={error ? 'true' : undefined}
        >
          {form.values.texte ?? ''}
        </textarea>
        {error && (
          <p class="fr-error-text" id={`${fid}-erreur`}>
            {error}
          </p>
        )}
      </div>
      <button type="submit" class="fr-btn fr-btn--secondary">
        Enregistrer la note
      </button>
    </PostForm>
  );
}

function StatusHistory({ page }: { page: BeneficiaryPage }) {
  const rows = page.statusHistory;
  if (rows.length === 0) {
    return (
      <p>Statut « {statusLabels[page.beneficiary.status]} » depuis l’import, aucun changement depuis.</p>
    );
  }
  return (
    <div class="fr-table fr-table--no-caption">
      <div class="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section class="fr-table__container" tabIndex={0} aria-label="Statuts successifs">
          <div class="fr-table__content">
            <table>
              <caption>Statuts successifs</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Par</th>
                  <th scope="col">Motif</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td>{formatDateTime(row.changedAt)}</td>
                    <td>
                      <StatusBadge status={row.toStatus} small />
                    </td>
                    <td>
                      {row.changedBy === 'usager'
                        ? 'La personne'
                        : row.changedBy === 'systeme'
                          ? 'Automatique'
                          : row.authorLastName
                            ? `${row.authorFirstName} ${row.authorLastName}`
                            : 'Un agent'}
                    </td>
                    <td>{row.reason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}

function FileStatusForm({
  page,
  form,
  csrfToken,
}: {
  page: BeneficiaryPage;
  form: FormState;
  csrfToken: string;
}) {
  const b = page.beneficiary;
  if (b.status === 'clos') {
    return (
      <PostForm action={beneficiaryPath(b.id, '/statut')} csrfToken={csrfToken} class="fr-mt-3w">
        <input type="hidden" name="action" value="rouvrir" />
        <p>Le dossier est clos. Le rouvrir remet la personne parmi celles à inviter.</p>
        <button type="submit" class="fr-btn fr-btn--secondary">
          Rouvrir le dossier
        </button>
      </PostForm>
    );
  }
  const fid = fieldId('motif');
  const error = form.errors.motif;
  return (
    <PostForm action={beneficiaryPath(b.id, '/statut')} csrfToken={csrfToken} class="fr-mt-3w">
      <input type="hidden" name="action" value="clore" />
      <ErrorSummary form={form} labels={{ motif: 'Motif de clôture' }} />
      <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for={fid}>
          Motif de clôture du dossier
          <span class="fr-hint-text" id={`${fid}-aide`}>
            Par exemple : a déménagé hors du département, ne perçoit plus le RSA. Les invitations en cours
            s’arrêtent.
          </span>
        </label>
        <input
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id={fid}
          name="motif"
          value={form.values.motif ?? ''}
          aria-describedby={[`${fid}-aide`, error && `${fid}-erreur`].filter(Boolean).join(' ')}
          aria-invalid={error ? 'true' : undefined}
        />
        {error && (
          <p class="fr-error-text" id={`${fid}-erreur`}>
            {error}
          </p>
        )}
      </div>
      <button type="submit" class="fr-btn fr-btn--tertiary">
        Clore le dossier
      </button>
    </PostForm>
  );
}
