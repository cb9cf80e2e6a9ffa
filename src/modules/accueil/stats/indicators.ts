import type { Db } from '../../../platform/db/client.ts';
import type { IndicatorDefinition, IndicatorValue } from '../../../platform/indicators/indicators.ts';
import { lastDays, type PeriodWindow, periodWindow } from './period.ts';
import { type CallScope, callbackDelays, countCallers, countEndedCalls } from './stats.repository.ts';
import {
  BASELINE_2019,
  BASELINE_LABEL,
  BASELINE_SOURCE,
  percent,
  percentile,
  REPEAT_THRESHOLD,
} from './stats.ts';

/**
 * The phone reception's impact indicators, for the programme portfolio (platform.indicators): each
 * one aggregate query over the calls of the last 28 days (local days, Europe/Paris, today included) of
 * the lines whose organisation belongs to the territory — or of every line. The same definitions as
 * the statistics page with its default period. The sample is the number of calls, callers or callbacks
 * the figure stands on, so that the registry withholds it in public under MIN_PUBLIC_SAMPLE.
 */
export const INDICATOR_DAYS = 28;

function fromWindow<T>(
  count: (db: Db, scope: CallScope, window: PeriodWindow) => Promise<T>,
  figure: (counts: T) => Omit<IndicatorValue, 'asOf'>,
): IndicatorDefinition['compute'] {
  return async (db, scope) => {
    const now = scope.now ?? new Date();
    const counts = await count(
      db,
      { territoryId: scope.territoryId ?? null },
      periodWindow(lastDays(INDICATOR_DAYS, now)),
    );
    return { ...figure(counts), asOf: now };
  };
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export const accueilIndicators: IndicatorDefinition[] = [
  {
    key: 'accueil.taux_appels_perdus',
    module: 'accueil',
    title: 'Appels perdus',
    unit: '%',
    description:
      'Part des appels terminés sans aucune issue (ni transfert répondu, ni rappel, ni message vocal, ni SMS, ni information sur les horaires), parmi les appels terminés des 28 derniers jours. L’objectif est 0 %.',
    better: 'lower',
    baseline: { value: BASELINE_2019.lostRate, label: BASELINE_LABEL, source: BASELINE_SOURCE },
    compute: fromWindow(countEndedCalls, (c) => ({ value: percent(c.lost, c.ended), sample: c.ended })),
  },
  {
    key: 'accueil.rappeleurs_5_fois',
    module: 'accueil',
    title: `Appelants ayant appelé ${REPEAT_THRESHOLD} fois ou plus`,
    unit: '%',
    description: `Part des numéros ayant appelé ${REPEAT_THRESHOLD} fois ou plus en 28 jours, parmi les numéros différents qui ont appelé (numéros masqués exclus).`,
    better: 'lower',
    baseline: {
      value: BASELINE_2019.repeatCallers,
      label: `Appelants ayant appelé ${REPEAT_THRESHOLD} fois ou plus l’UTS de La Seyne-sur-Mer en 2019`,
      source: BASELINE_SOURCE,
    },
    compute: fromWindow(countCallers, (c) => ({ value: percent(c.fivePlus, c.callers), sample: c.callers })),
  },
  {
    key: 'accueil.delai_rappel_median',
    module: 'accueil',
    title: 'Délai médian de rappel',
    unit: 'heures',
    description:
      'Délai médian entre l’appel et le rappel fait, en heures d’horloge (nuits et week-ends compris), pour les demandes de rappel créées dans les 28 derniers jours et déjà faites.',
    better: 'lower',
    compute: fromWindow(callbackDelays, (delays) => {
      const median = percentile(delays, 0.5);
      return { value: oneDecimal(median === null ? null : median / 3600), sample: delays.length };
    }),
  },
  {
    key: 'accueil.appels_traites',
    module: 'accueil',
    title: 'Appels traités',
    unit: 'appels',
    description:
      'Appels terminés avec une issue enregistrée (transfert répondu, rappel, message vocal, SMS, information sur les horaires) dans les 28 derniers jours.',
    better: 'higher',
    compute: fromWindow(countEndedCalls, (c) => ({ value: c.withOutcome, sample: c.withOutcome })),
  },
];
