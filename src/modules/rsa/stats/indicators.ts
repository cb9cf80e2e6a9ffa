import type { Db } from '../../../platform/db/client.ts';
import type { IndicatorDefinition, IndicatorValue } from '../../../platform/indicators/indicators.ts';
import {
  type CohortWindow,
  countDelays,
  countFirstBookings,
  countNoShows,
  type RsaStatsScope,
} from './stats.repository.ts';
import {
  BASELINE_FRANCE_2019_DAYS,
  BASELINE_SOURCE,
  BASELINE_VAR_2019_DAYS,
  cohortWindow,
  RDV_INSERTION_NO_SHOW,
} from './stats.ts';

/**
 * The RSA module's impact indicators, for the programme portfolio (platform.indicators). Each is
 * computed when read, over the people whose rights opened in the last 12 months, for one territory or
 * the whole instance: the same figures as the statistics pages.
 */
const PERIOD_MONTHS = 12;

const percent = (count: number, of: number) => (of ? Math.round((count / of) * 1000) / 10 : null);
const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** An indicator's compute: one count over the cohort of the last 12 months, then the figure from it. */
function fromCounts<T>(
  count: (db: Db, scope: RsaStatsScope, window: CohortWindow) => Promise<T>,
  figure: (counts: T) => Omit<IndicatorValue, 'asOf'>,
): IndicatorDefinition['compute'] {
  return async (db, scope) => {
    const now = scope.now ?? new Date();
    const counts = await count(
      db,
      { territoryId: scope.territoryId ?? null },
      cohortWindow(PERIOD_MONTHS, now),
    );
    return { ...figure(counts), asOf: now };
  };
}

const varBaseline = {
  value: BASELINE_VAR_2019_DAYS,
  label: `Délai moyen dans le Var en 2019 : 8,5 mois (≈ ${BASELINE_VAR_2019_DAYS} jours) ; 6 mois (≈ ${BASELINE_FRANCE_2019_DAYS} jours) en France`,
  source: BASELINE_SOURCE,
};

export const rsaIndicators: IndicatorDefinition[] = [
  {
    key: 'rsa.delai_median_premier_rdv',
    module: 'rsa',
    title: 'Délai médian jusqu’au premier rendez-vous',
    unit: 'jours',
    description:
      'Délai médian entre l’ouverture des droits au RSA et le premier rendez-vous honoré avec un référent, en jours, pour les personnes dont les droits ont ouvert dans les 12 derniers mois et déjà reçues.',
    better: 'lower',
    baseline: varBaseline,
    compute: fromCounts(countDelays, (delays) => ({
      value: oneDecimal(delays.medianDays),
      sample: delays.met,
    })),
  },
  {
    key: 'rsa.delai_moyen_premier_rdv',
    module: 'rsa',
    title: 'Délai moyen jusqu’au premier rendez-vous',
    unit: 'jours',
    description:
      'Délai moyen entre l’ouverture des droits au RSA et le premier rendez-vous honoré avec un référent, en jours, pour les personnes dont les droits ont ouvert dans les 12 derniers mois et déjà reçues. Se compare directement aux 8,5 mois mesurés dans le Var en 2019, eux aussi une moyenne.',
    better: 'lower',
    baseline: varBaseline,
    compute: fromCounts(countDelays, (delays) => ({
      value: oneDecimal(delays.meanDays),
      sample: delays.met,
    })),
  },
  {
    key: 'rsa.part_recus_30_jours',
    module: 'rsa',
    title: 'Personnes reçues en 30 jours ou moins',
    unit: '%',
    description:
      'Part des personnes reçues par un référent 30 jours ou moins après l’ouverture de leurs droits, parmi celles dont les droits ont ouvert il y a au moins 30 jours (dans les 12 derniers mois).',
    better: 'higher',
    compute: fromCounts(countDelays, (delays) => ({
      value: percent(delays.within30, delays.eligible30),
      sample: delays.eligible30,
    })),
  },
  {
    key: 'rsa.absences_apres_invitation',
    module: 'rsa',
    title: 'Absences au rendez-vous pris après une invitation',
    unit: '%',
    description:
      'Part des personnes absentes, parmi celles attendues à un rendez-vous qu’elles ont choisi après une invitation (SMS, courriel ou courrier) et pointées « vu » ou « absent ».',
    better: 'lower',
    baseline: {
      value: RDV_INSERTION_NO_SHOW.convocation,
      label: `Absences après une convocation à une date imposée : ${RDV_INSERTION_NO_SHOW.convocation} % (${RDV_INSERTION_NO_SHOW.invitation} % après une invitation)`,
      source: 'rdv-insertion (GIP de l’inclusion), résultats publiés',
    },
    compute: fromCounts(countNoShows, (rows) => {
      const row = rows.find((r) => r.kind === 'invitation') ?? { seen: 0, absent: 0 };
      const marked = row.seen + row.absent;
      return { value: percent(row.absent, marked), sample: marked };
    }),
  },
  {
    key: 'rsa.part_rdv_pris_par_la_personne',
    module: 'rsa',
    title: 'Premiers rendez-vous pris par la personne elle-même',
    unit: '%',
    description:
      'Part des premiers rendez-vous d’orientation que la personne a choisis elle-même (lien d’invitation ou pages publiques), plutôt qu’un agent, parmi les personnes dont les droits ont ouvert dans les 12 derniers mois.',
    better: 'higher',
    compute: fromCounts(countFirstBookings, (counts) => {
      const all = counts.byPerson + counts.byAgent;
      return { value: percent(counts.byPerson, all), sample: all };
    }),
  },
];
