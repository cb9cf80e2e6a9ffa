import { Badge } from '../../../../platform/scheduling/admin/views/parts.tsx';
import {
  Breadcrumb,
  type FormState,
  formatDateTime,
  PostForm,
  SubmitButton,
  Table,
} from '../../../../platform/web/components.tsx';
import { SPACE } from '../../part.ts';
import type { ManagedWeek, MyTeam, MyWeek } from '../checkins.service.ts';
import { CHECKINS, projectPath } from '../paths.ts';
import { DAY_CHOICES, formatDays } from '../plan.ts';
import { weekLabel } from '../weeks.ts';
import { days } from './parts.tsx';

/** The form of one week that failed, shown again with its messages. */
export type FailedCheckin = { memberId: string; week: string; form: FormState };

const dayLabel = (d: number) => `${formatDays(d)} jour${d > 1 ? 's' : ''}`;

/**
 * One week's answer. Several of these share the page, so their ids carry the member and the week
 * (the shared components derive ids from the field name alone).
 */
function CheckinForm(props: { team: MyTeam; week: MyWeek; failed: FailedCheckin | null; csrfToken: string }) {
  const { team, week } = props;
  const key = `${team.member.id.slice(0, 8)}-${week.week}`;
  const failed =
    props.failed && props.failed.memberId === team.member.id && props.failed.week === week.week
      ? props.failed.form
      : null;
  const values = failed?.values ?? {
    journee: week.checkin ? (week.checkin.hadDay ? 'oui' : 'non') : '',
    jours: String(Number(week.checkin?.days ?? team.plan.daysPerWeek)),
    commentaire: week.checkin?.comment ?? '',
  };
  const errors = failed?.errors ?? {};
  const id = (name: string) => `pointage-${key}-${name}`;
  const errorOf = (name: string) =>
    errors[name] ? (
      <p class="fr-error-text" id={`${id(name)}-erreur`}>
        {errors[name]}
      </p>
    ) : null;
  return (
    <div class="fr-card fr-card--no-arrow fr-mb-3w">
      <div class="fr-card__body">
        <div class="fr-card__content">
          <h3 class="fr-card__title">{weekLabel(week.week)}</h3>
          {week.checkin && (
            <p class="fr-card__desc fr-text--sm">
              Réponse enregistrée le {formatDateTime(week.checkin.answeredAt)} : vous pouvez la modifier tant
              que votre responsable ne l’a pas validée.
            </p>
          )}
          {(errors._ || Object.keys(errors).length > 0) && (
            <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert" id={`${id('resume')}`}>
              <p>{errors._ ?? 'Vérifiez votre réponse ci-dessous.'}</p>
            </div>
          )}
          <PostForm action={CHECKINS} csrfToken={props.csrfToken}>
            <input type="hidden" name="membre" value={team.member.id} />
            <input type="hidden" name="semaine" value={week.week} />
            <fieldset
              class={`fr-fieldset${errors.journee ? ' fr-fieldset--error' : ''}`}
              id={id('journee')}
              aria-labelledby={`${id('journee')}-legende${errors.journee ? ` ${id('journee')}-erreur` : ''}`}
            >
              <legend
                class="fr-fieldset__legend fr-fieldset__legend--regular"
                id={`${id('journee')}-legende`}
              >
                Ai-je eu ma journée pour le projet cette semaine-là ? (obligatoire)
              </legend>
              {(['oui', 'non'] as const).map((answer) => (
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                  <div class="fr-radio-group">
                    <input
                      type="radio"
                      id={id(`journee-${answer}`)}
                      name="journee"
                      value={answer}
                      checked={values.journee === answer}
                    />
                    <label class="fr-label" for={id(`journee-${answer}`)}>
                      {answer === 'oui' ? 'Oui' : 'Non'}
                    </label>
                  </div>
                </div>
              ))}
              {errors.journee && (
                <div class="fr-messages-group" id={`${id('journee')}-erreur`} aria-live="polite">
                  <p class="fr-message fr-message--error">{errors.journee}</p>
                </div>
              )}
            </fieldset>
            <div class={`fr-select-group${errors.jours ? ' fr-select-group--error' : ''}`}>
              <label class="fr-label" for={id('jours')}>
                Temps réellement passé sur le projet
                <span class="fr-hint-text" id={`${id('jours')}-aide`}>
                  Prévu : {dayLabel(team.plan.daysPerWeek)} par semaine.
                </span>
              </label>
              <select
                class={`fr-select${errors.jours ? ' fr-select--error' : ''}`}
                id={id('jours')}
                name="jours"
                aria-describedby={`${id('jours')}-aide${errors.jours ? ` ${id('jours')}-erreur` : ''}`}
                aria-invalid={errors.jours ? 'true' : undefined}
              >
                {DAY_CHOICES.map((d) => (
                  <option value={String(d)} selected={values.jours === String(d)}>
                    {dayLabel(d)}
                  </option>
                ))}
              </select>
              {errorOf('jours')}
            </div>
            <div class={`fr-input-group${errors.commentaire ? ' fr-input-group--error' : ''}`}>
              <label class="fr-label" for={id('commentaire')}>
                Commentaire
                <span class="fr-hint-text">Facultatif : ce qui a pris le pas, ce qui a aidé.</span>
              </label>
              <input
                class="fr-input"
                id={id('commentaire')}
                name="commentaire"
                type="text"
                value={values.commentaire ?? ''}
                aria-invalid={errors.commentaire ? 'true' : undefined}
              />
              {errorOf('commentaire')}
            </div>
            <SubmitButton secondary={Boolean(week.checkin)}>
              {week.checkin ? 'Modifier ma réponse' : 'Enregistrer ma réponse'}
            </SubmitButton>
          </PostForm>
        </div>
      </div>
    </div>
  );
}

function MyTeams(props: { teams: MyTeam[]; failed: FailedCheckin | null; csrfToken: string }) {
  if (props.teams.length === 0) {
    return <p>Vous ne faites partie d’aucune équipe en ce moment : rien à déclarer.</p>;
  }
  return (
    <>
      {props.teams.map((team) => {
        const open = team.weeks.filter((w) => !w.checkin?.acknowledgedAt);
        const closed = team.weeks.filter((w) => w.checkin?.acknowledgedAt);
        return (
          <section class="fr-mb-6w">
            <h2 class="fr-h3">
              <a href={projectPath(team.projectSlug)}>{team.projectTitle}</a>
            </h2>
            <p class="fr-text--sm">
              Responsable qui valide :{' '}
              {team.managerFirstName
                ? `${team.managerFirstName} ${team.managerLastName}`.trim()
                : 'aucun (demandez au coach de l’indiquer)'}
            </p>
            {open.map((week) => (
              <CheckinForm team={team} week={week} failed={props.failed} csrfToken={props.csrfToken} />
            ))}
            {closed.length > 0 && (
              <Table
                caption={`Semaines validées – ${team.projectTitle}`}
                headers={['Semaine', 'Journée', 'Temps passé', 'Validée le']}
              >
                {closed.map(({ week, checkin }) => (
                  <tr>
                    <td>{weekLabel(week)}</td>
                    <td>{checkin!.hadDay ? 'Oui' : 'Non'}</td>
                    <td>{days(Number(checkin!.days))}</td>
                    <td>{formatDateTime(checkin!.acknowledgedAt)}</td>
                  </tr>
                ))}
              </Table>
            )}
          </section>
        );
      })}
    </>
  );
}

function Managed(props: { weeks: ManagedWeek[]; csrfToken: string }) {
  return (
    <section class="fr-mt-6w">
      <h2>Pointages des agents que j’encadre</h2>
      <p>
        Validez le temps que chacun déclare avoir passé sur son projet. Une réponse validée ne se modifie
        plus.
      </p>
      {props.weeks.map(({ week, rows }) => {
        const waiting = rows.filter((r) => r.checkin.acknowledgedAt === null).length;
        return (
          <div class="fr-mb-4w">
            <Table
              caption={`Pointages de la ${weekLabel(week)}`}
              headers={['Agent', 'Projet', 'Journée', 'Temps passé', 'Commentaire', 'Validation']}
            >
              {rows.map((r) => {
                const name = `${r.firstName} ${r.lastName}`.trim();
                return (
                  <tr>
                    <td>
                      {name}
                      {r.role && <span class="fr-hint-text">{r.role}</span>}
                    </td>
                    <td>{r.projectTitle}</td>
                    <td>{r.checkin.hadDay ? 'Oui' : 'Non'}</td>
                    <td>{days(Number(r.checkin.days))}</td>
                    <td>{r.checkin.comment || '—'}</td>
                    <td>
                      {r.checkin.acknowledgedAt ? (
                        <Badge kind="success">Validé</Badge>
                      ) : (
                        <PostForm action={`${CHECKINS}/valider`} csrfToken={props.csrfToken}>
                          <input type="hidden" name="pointage" value={r.checkin.id} />
                          <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                            Valider<span class="fr-sr-only"> le pointage de {name}</span>
                          </button>
                        </PostForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </Table>
            {waiting > 1 && (
              <PostForm action={`${CHECKINS}/valider-semaine`} csrfToken={props.csrfToken}>
                <input type="hidden" name="semaine" value={week} />
                <SubmitButton secondary>
                  Valider les {waiting} pointages de la {weekLabel(week)}
                </SubmitButton>
              </PostForm>
            )}
          </div>
        );
      })}
    </section>
  );
}

/**
 * A refused answer for a week that has no form on the page (acknowledged meanwhile, outside the
 * detachment): its message goes on top, since no form can carry it.
 */
function UnshownFailure(props: { teams: MyTeam[]; failed: FailedCheckin | null }) {
  const { failed } = props;
  if (!failed) return null;
  const shown = props.teams.some(
    (team) =>
      team.member.id === failed.memberId &&
      team.weeks.some((w) => w.week === failed.week && !w.checkin?.acknowledgedAt),
  );
  if (shown) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">Votre réponse n’est pas enregistrée</h2>
      <p>{failed.form.errors._ ?? Object.values(failed.form.errors)[0]}</p>
    </div>
  );
}

/** GET /programme/espace/pointage */
export function CheckinsPage(props: {
  teams: MyTeam[];
  managed: ManagedWeek[];
  failed: FailedCheckin | null;
  csrfToken: string;
}) {
  return (
    <>
      <Breadcrumb items={[{ label: 'Programme', href: SPACE }, { label: 'Pointage' }]} />
      <h1>Ai-je eu ma journée ?</h1>
      <p class="fr-text--lead">
        Chaque semaine de votre détachement, dites si vous avez pu consacrer au projet le temps prévu.
      </p>
      <UnshownFailure teams={props.teams} failed={props.failed} />
      <MyTeams teams={props.teams} failed={props.failed} csrfToken={props.csrfToken} />
      {props.managed.length > 0 && <Managed weeks={props.managed} csrfToken={props.csrfToken} />}
    </>
  );
}
