import type { Db } from '../db/client.ts';

/**
 * Impact indicators: each module says, in figures, whether it solves the problem it was built for
 * (the RSA module: days between the opening of rights and the first meeting with a référent). The
 * programme portfolio reads every enabled module's indicators from `platform.indicators`; modules
 * never read each other's.
 *
 * An indicator is computed when it is read, from the module's own tables: nothing is stored, so a
 * figure is never stale and never needs a job to refresh it. Its `compute` must therefore stay cheap
 * (one aggregate query).
 */

/** What the indicator was before the service existed, with where that figure comes from. */
export type IndicatorBaseline = {
  value: number;
  /** « Délai moyen dans le Var en 2019 (8,5 mois) ». */
  label: string;
  /** The public document or measure it comes from. */
  source: string;
};

export type IndicatorScope = {
  /** One territory (collectivité); without it, every territory of the instance together. */
  territoryId?: string;
  /** The moment the figure is computed for (tests pass one; the clock otherwise). */
  now?: Date;
};

export type IndicatorValue = {
  /** Null when there is nothing to compute it on (no one met yet, nobody invited…). */
  value: number | null;
  asOf: Date;
  /** How many people (or events) the value is computed on. */
  sample: number;
};

export type IndicatorDefinition = {
  /** '<module>.<name>', e.g. 'rsa.delai_median_premier_rdv': stable, used in URLs and by the portfolio. */
  key: string;
  /** The module that publishes it (its folder name). */
  module: string;
  /** French, short: « Délai médian jusqu’au premier rendez-vous ». */
  title: string;
  /** 'jours', '%', 'personnes'… Percentages are given from 0 to 100. */
  unit: string;
  /** How it is computed, in plain French, for the people who read the figure. */
  description: string;
  /** Which way is better: the portfolio shows progress against the baseline with it. */
  better?: 'lower' | 'higher';
  baseline?: IndicatorBaseline;
  compute(db: Db, scope: IndicatorScope): Promise<IndicatorValue>;
};

/**
 * Below this many people a figure is not published (public pages, public API): a rate over three
 * people, or « 2 absents », can point at someone. Agents who may see the records see every figure.
 */
export const MIN_PUBLIC_SAMPLE = 5;

/** An indicator with its value, as the portfolio and the API show it. */
export type IndicatorReading = Omit<IndicatorDefinition, 'compute'> & PublishedValue;

export type PublishedValue = {
  value: number | null;
  asOf: Date;
  /** Null when withheld with the value (a sample of 1 to 4 is itself a small number). */
  sample: number | null;
  /** True when the value was withheld because its sample is under MIN_PUBLIC_SAMPLE. */
  masked: boolean;
};

export type IndicatorRegistry = {
  /** Every indicator of the enabled modules, in the modules' order then their own. */
  list(): IndicatorDefinition[];
  get(key: string): IndicatorDefinition | undefined;
  /**
   * Computes indicators for a scope (all of them, or those of one module, or the given keys).
   * `publicOnly` withholds values computed on fewer than MIN_PUBLIC_SAMPLE people.
   */
  read(
    db: Db,
    scope: IndicatorScope,
    options?: { module?: string; keys?: string[]; publicOnly?: boolean },
  ): Promise<IndicatorReading[]>;
};

const KEY_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/**
 * The registry of the given indicators. A key must read '<module>.<name>' with the module's own name,
 * and be unique: two modules cannot publish under the same key (checked at start-up).
 */
export function createIndicatorRegistry(definitions: IndicatorDefinition[]): IndicatorRegistry {
  const byKey = new Map<string, IndicatorDefinition>();
  for (const definition of definitions) {
    if (!KEY_PATTERN.test(definition.key) || !definition.key.startsWith(`${definition.module}.`)) {
      throw new Error(
        `Indicateur « ${definition.key} » : la clé doit être « ${definition.module}.<nom> » (minuscules, chiffres, _).`,
      );
    }
    if (byKey.has(definition.key)) throw new Error(`Indicateur « ${definition.key} » déclaré deux fois.`);
    byKey.set(definition.key, definition);
  }
  const all = [...byKey.values()];
  return {
    list: () => all,
    get: (key) => byKey.get(key),
    async read(db, scope, options = {}) {
      const chosen = all.filter(
        (d) =>
          (options.module === undefined || d.module === options.module) &&
          (options.keys === undefined || options.keys.includes(d.key)),
      );
      const now = scope.now ?? new Date();
      const readings: IndicatorReading[] = [];
      // One after the other: a PGlite database has a single connection, and each compute is one query.
      for (const { compute, ...definition } of chosen) {
        const value = await compute(db, { ...scope, now });
        readings.push({
          ...definition,
          ...(options.publicOnly ? publishable(value) : { ...value, masked: false }),
        });
      }
      return readings;
    },
  };
}

/** The value as it may be published: withheld (null, masked) when computed on too few people. */
export function publishable(value: IndicatorValue): PublishedValue {
  if (value.sample > 0 && value.sample < MIN_PUBLIC_SAMPLE) {
    return { value: null, asOf: value.asOf, sample: null, masked: true };
  }
  return { ...value, masked: false };
}
