import { Breadcrumb, fieldId, Table } from '../../../../platform/web/components.tsx';
import { StatCard, StatsFilters, StatsSelect } from '../../../../platform/web/stats.tsx';
import { outcomeLabels, shortName } from '../../console/labels.ts';
import { OUTCOMES } from '../../flow/types.ts';
import { formatCount, formatHours, formatRate, longDay, shortDay } from '../format.ts';
import { PERIOD_PRESETS, type PeriodChoice, periodChoiceLabels, periodQuery } from '../period.ts';
import type { LineStatisticsView } from '../stats.service.ts';
import {
  type AccueilStats,
  BASELINE_2019,
  BASELINE_SOURCE,
  REPEAT_THRESHOLD,
  type ServiceFigures,
} from '../stats.ts';
import { HeatmapTable } from './heatmap.tsx';

export const statsPath = (lineId: string) => `/accueil/lignes/${lineId}/statistiques`;
export const statsCsvPath = (lineId: string) => `/accueil/lignes/${lineId}/statistiques.csv`;

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n >= 2 ? many : one}`;

function PeriodForm({ view }: { view: LineStatisticsView }) {
  const { values, errors } = view.form;
  const choices: PeriodChoice[] = [...PERIOD_PRESETS, 'perso'];
  const dayField = (name: 'du' | 'au', label: string) => {
    const id = fieldId(name);
    const error = errors[name];
    return (
      <div class="fr-fieldset__element fr-fieldset__element--inline">
        <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for={id}>
            {label}
            <span class="fr-hint-text" id={`${id}-aide`}>
              Pour une période choisie. Format : 2031-03-01
            </span>
          </label>
          <input
            class={`fr-input${error ? ' fr-input--error' : ''}`}
            type="date"
            id={id}
            name={name}
            value={values[name]}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={[`${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ')}
          />
          {error && (
            <p class="fr-error-text" id={`${id}-erreur`}>
              {error}
            </p>
          )}
        </div>
      </div>
    );
  };
  const errorList = Object.entries(errors);
  return (
    <>
      {errorList.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="resume-erreurs">
          <h2 class="fr-alert__title">La période choisie n’a pas pu être lue</h2>
          <p>Les chiffres ci-dessous portent sur les 28 derniers jours.</p>
          <ul>
            {errorList.map(([field, message]) => (
              <li>
                <a href={`#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <StatsFilters action={statsPath(view.line.id)} legend="Période">
        <StatsSelect
          id="champ-periode"
          name="periode"
          label="Période comptée"
          hint="Jours entiers, heure de Paris, aujourd’hui compris."
          options={choices.map((c) => ({
            value: c,
            label: periodChoiceLabels[c],
            selected: values.periode === c,
          }))}
        />
        {dayField('du', 'Du')}
        {dayField('au', 'Au (inclus)')}
      </StatsFilters>
    </>
  );
}

function KeyFigures({ stats }: { stats: AccueilStats }) {
  const o = stats.overall;
  const c = stats.callers;
  return (
    <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
      <StatCard
        label="Appels perdus"
        value={formatRate(o.lostRate)}
        detail={
          o.ended === 0
            ? `Aucun appel terminé sur la période. En 2019 : ${BASELINE_2019.lostRate} %.`
            : `${plural(o.lost, 'appel terminé', 'appels terminés')} sans aucune issue, sur ${plural(o.ended, 'appel terminé', 'appels terminés')}. En 2019 : ${BASELINE_2019.lostRate} %. L’objectif : 0 %.`
        }
      />
      <StatCard
        label="Appels reçus"
        value={formatCount(o.calls)}
        detail={`dont ${plural(o.answered, 'transféré et répondu', 'transférés et répondus')} par un secrétariat (${formatRate(o.answeredRate)} des appels terminés)${o.ongoing ? `, ${plural(o.ongoing, 'en cours', 'en cours')}` : ''}.`}
      />
      <StatCard
        label={`Appelants ayant appelé ${REPEAT_THRESHOLD} fois ou plus`}
        value={formatRate(c.repeatRate)}
        detail={
          c.callers === 0
            ? `Aucun numéro connu sur la période. En 2019 : ${BASELINE_2019.repeatCallers} %.`
            : `${plural(c.fivePlus, 'numéro', 'numéros')} sur ${plural(c.callers, 'numéro différent', 'numéros différents')}. En 2019 : ${BASELINE_2019.repeatCallers} %.`
        }
      />
      <StatCard
        label="Rappels faits"
        value={`${formatCount(o.callbacks.done)} / ${formatCount(o.callbacks.created)}`}
        detail={`demandes de rappel créées sur la période et faites ; ${formatCount(o.callbacks.open)} encore à traiter, ${formatCount(o.callbacks.unreachable)} injoignables.`}
      />
      <StatCard
        label="Délai de rappel médian"
        value={formatHours(o.callbacks.medianHours)}
        detail={
          o.callbacks.done === 0
            ? 'Aucun rappel fait sur la période.'
            : `de l’appel au rappel fait, en heures d’horloge (nuits et week-ends compris) ; 9 rappels sur 10 en moins de ${formatHours(o.callbacks.p90Hours)}. ${formatRate(o.callbacks.onTimeRate)} faits dans le délai prévu.`
        }
      />
      <StatCard
        label="Messages vocaux et SMS"
        value={`${formatCount(o.voicemails)} / ${formatCount(o.sms)}`}
        detail="messages vocaux laissés / SMS d’information envoyés (adresse, horaires, lien de prise de rendez-vous)."
      />
    </div>
  );
}

function Baseline({ stats }: { stats: AccueilStats }) {
  return (
    <section class="fr-mb-6w">
      <h2>Avant et maintenant</h2>
      <Table
        id="tableau-2019"
        caption="La situation de 2019 et celle de la période"
        headers={['Mesure', 'En 2019', 'Sur la période']}
      >
        <tr>
          <td>Appels perdus</td>
          <td>{BASELINE_2019.lostRate} %</td>
          <td>{formatRate(stats.overall.lostRate)}</td>
        </tr>
        <tr>
          <td>Appelants ayant appelé {REPEAT_THRESHOLD} fois ou plus</td>
          <td>{BASELINE_2019.repeatCallers} %</td>
          <td>{formatRate(stats.callers.repeatRate)}</td>
        </tr>
        <tr>
          <td>Personnes n’ayant pas pu joindre l’UTS et obligées de se déplacer</td>
          <td>{BASELINE_2019.hadToTravel} %</td>
          <td>Non mesuré par le serveur vocal</td>
        </tr>
      </Table>
      <p class="fr-text--sm">Source des chiffres de 2019 : {BASELINE_SOURCE}.</p>
    </section>
  );
}

const serviceLabel = (s: ServiceFigures) => (s.key ? shortName(s.name) : s.name);

function CallsByService({ stats }: { stats: AccueilStats }) {
  const rows = [...stats.services, stats.overall];
  return (
    <section class="fr-mb-6w">
      <h2>Les appels, service par service</h2>
      <Table
        id="tableau-services"
        caption="Appels par service choisi dans le menu"
        headers={[
          'Service',
          'Appels',
          'Transferts tentés',
          'Transférés et répondus',
          'Messages vocaux',
          'SMS envoyés',
          'Appels perdus',
          'Taux d’appels perdus',
        ]}
      >
        {rows.map((s) => (
          <tr>
            <th scope="row">
              {s.key === null && s === stats.overall ? <strong>{s.name}</strong> : serviceLabel(s)}
            </th>
            <td>{formatCount(s.calls)}</td>
            <td>{formatCount(s.transferred)}</td>
            <td>{formatCount(s.answered)}</td>
            <td>{formatCount(s.voicemails)}</td>
            <td>{formatCount(s.sms)}</td>
            <td>{formatCount(s.lost)}</td>
            <td>{formatRate(s.lostRate)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function CallbacksByService({ stats }: { stats: AccueilStats }) {
  const rows = [...stats.services.filter((s) => s.key !== null || s.callbacks.created > 0), stats.overall];
  return (
    <section class="fr-mb-6w">
      <h2>Les rappels</h2>
      <Table
        id="tableau-rappels"
        caption="Demandes de rappel créées sur la période, par service"
        headers={[
          'Service',
          'Créées',
          'dont après un appel raccroché',
          'Faites',
          'Injoignables',
          'À traiter',
          'Faites dans le délai prévu',
          'Délai médian',
          'Délai pour 9 sur 10',
        ]}
      >
        {rows.map((s) => (
          <tr>
            <th scope="row">{s === stats.overall ? <strong>{s.name}</strong> : serviceLabel(s)}</th>
            <td>{formatCount(s.callbacks.created)}</td>
            <td>{formatCount(s.callbacks.afterHangup)}</td>
            <td>{formatCount(s.callbacks.done)}</td>
            <td>{formatCount(s.callbacks.unreachable)}</td>
            <td>{formatCount(s.callbacks.open)}</td>
            <td>{formatRate(s.callbacks.onTimeRate)}</td>
            <td>{formatHours(s.callbacks.medianHours)}</td>
            <td>{formatHours(s.callbacks.p90Hours)}</td>
          </tr>
        ))}
      </Table>
      <p class="fr-text--sm">
        Délais en heures d’horloge, de l’appel au rappel marqué « fait » (nuits et week-ends compris). Le
        délai prévu, lui, compte les heures d’ouverture du service.
      </p>
    </section>
  );
}

function Outcomes({ stats }: { stats: AccueilStats }) {
  const o = stats.overall;
  const share = (n: number) => formatRate(o.calls ? n / o.calls : null);
  return (
    <section class="fr-mb-6w">
      <h2>Comment les appels se sont terminés</h2>
      <Table
        id="tableau-issues"
        caption="Issue des appels de la période"
        headers={['Issue', 'Appels', 'Part']}
      >
        {OUTCOMES.map((outcome) => (
          <tr>
            <td>{outcomeLabels[outcome]}</td>
            <td>{formatCount(o.outcomes[outcome])}</td>
            <td>{share(o.outcomes[outcome])}</td>
          </tr>
        ))}
        <tr>
          <td>Perdu : terminé sans aucune issue</td>
          <td>{formatCount(o.lost)}</td>
          <td>{share(o.lost)}</td>
        </tr>
        {o.ongoing > 0 && (
          <tr>
            <td>En cours</td>
            <td>{formatCount(o.ongoing)}</td>
            <td>{share(o.ongoing)}</td>
          </tr>
        )}
      </Table>
    </section>
  );
}

function Weeks({ stats }: { stats: AccueilStats }) {
  if (stats.weeks.length === 0) return null;
  return (
    <section class="fr-mb-6w">
      <h2>Semaine après semaine</h2>
      <Table
        id="tableau-semaines"
        caption="Appels perdus par semaine (semaines du lundi au dimanche ; la première et la dernière peuvent être incomplètes)"
        headers={['Semaine du', 'Appels', 'Appels perdus', 'Taux d’appels perdus']}
      >
        {stats.weeks.map((w) => (
          <tr>
            <td>{shortDay(w.monday)}</td>
            <td>{formatCount(w.calls)}</td>
            <td>{formatCount(w.lost)}</td>
            <td>{formatRate(w.lostRate)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function Callers({ stats }: { stats: AccueilStats }) {
  const c = stats.callers;
  const share = (n: number) => formatRate(c.callers ? n / c.callers : null);
  return (
    <section class="fr-mb-6w">
      <h2>Les personnes qui rappellent</h2>
      <Table
        id="tableau-appelants"
        caption="Numéros selon le nombre de fois où ils ont appelé sur la période"
        headers={['A appelé', 'Numéros', 'Part des numéros']}
      >
        <tr>
          <td>1 fois</td>
          <td>{formatCount(c.once)}</td>
          <td>{share(c.once)}</td>
        </tr>
        <tr>
          <td>2 fois</td>
          <td>{formatCount(c.twice)}</td>
          <td>{share(c.twice)}</td>
        </tr>
        <tr>
          <td>3 ou 4 fois</td>
          <td>{formatCount(c.threeOrFour)}</td>
          <td>{share(c.threeOrFour)}</td>
        </tr>
        <tr>
          <td>{REPEAT_THRESHOLD} fois ou plus</td>
          <td>{formatCount(c.fivePlus)}</td>
          <td>{share(c.fivePlus)}</td>
        </tr>
      </Table>
      <p class="fr-text--sm">
        {c.withheldCalls === 0
          ? 'Aucun appel d’un numéro masqué sur la période.'
          : `${plural(c.withheldCalls, 'appel', 'appels')} d’un numéro masqué (ou déjà effacé) : pas compté${c.withheldCalls >= 2 ? 's' : ''} ici, on ne peut pas savoir qui a appelé.`}
      </p>
    </section>
  );
}

function HowToRead() {
  return (
    <section class="fr-mb-6w">
      <h2>Comment ces chiffres sont calculés</h2>
      <ul>
        <li>
          Les appels sont comptés le jour et à l’heure où ils ont commencé (heure de Paris), les demandes de
          rappel le jour où elles ont été créées, les messages vocaux le jour où ils ont été laissés.
        </li>
        <li>
          <strong>Appel perdu</strong> : un appel terminé sans aucune issue enregistrée — ni transfert
          répondu, ni rappel, ni message vocal, ni SMS, ni information sur les horaires. Le taux se calcule
          sur les appels terminés. Un appel resté ouvert plus de deux heures (serveur arrêté, fin d’appel
          jamais reçue) est clôturé automatiquement et compte comme perdu.
        </li>
        <li>
          <strong>Transfert tenté</strong> : l’appel a été envoyé vers le secrétariat du service, qu’il ait
          répondu ou non ; « transférés et répondus » ne compte que ceux où quelqu’un a décroché.
        </li>
        <li>
          <strong>Délai de rappel</strong> : du début de l’appel au moment où le rappel a été marqué « fait »,
          en heures d’horloge. La médiane : la moitié des rappels ont été faits plus vite. « 9 sur 10 » : le
          90e centile. Le délai prévu (4 heures d’ouverture du service par défaut) ne compte que les heures
          d’ouverture.
        </li>
        <li>
          <strong>Appelants ayant appelé {REPEAT_THRESHOLD} fois ou plus</strong> : parmi les numéros
          différents qui ont appelé la ligne sur la période, comme l’enquête de 2019. Les numéros sont effacés
          après la durée de conservation de la ligne : sur une longue période, les plus anciens appels ne
          comptent plus.
        </li>
      </ul>
    </section>
  );
}

export function LineStatisticsPage({ view }: { view: LineStatisticsView }) {
  const { line, stats } = view;
  const query = periodQuery(stats.period);
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'Accueil téléphonique', href: '/accueil' },
          { label: line.name, href: `/accueil/lignes/${line.id}` },
          { label: 'Statistiques' },
        ]}
      />
      <h1>Statistiques : {line.name}</h1>
      <PeriodForm view={view} />
      <p class="fr-text--lead">
        Du {longDay(stats.period.from)} au {longDay(stats.period.to)} (
        {plural(stats.period.days, 'jour', 'jours')}
        ), {plural(stats.overall.calls, 'appel', 'appels')}.
      </p>
      <h2>L’essentiel</h2>
      <KeyFigures stats={stats} />
      <Baseline stats={stats} />
      <CallsByService stats={stats} />
      <CallbacksByService stats={stats} />
      <Outcomes stats={stats} />
      <Weeks stats={stats} />
      <Callers stats={stats} />
      <section class="fr-mb-6w">
        <h2>Quand les gens appellent</h2>
        <HeatmapTable heatmap={stats.heatmap} period={stats.period} />
      </section>
      <HowToRead />
      <section class="fr-mb-6w">
        <h2>Télécharger</h2>
        <ul>
          <li>
            <a class="fr-link fr-link--download" download href={`${statsCsvPath(line.id)}?${query}`}>
              Chiffres par service <span class="fr-link__detail">CSV (tableur)</span>
            </a>
          </li>
          <li>
            <a
              class="fr-link fr-link--download"
              download
              href={`${statsCsvPath(line.id)}?${query}&tableau=heures`}
            >
              Appels par jour et par heure <span class="fr-link__detail">CSV (tableur)</span>
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
