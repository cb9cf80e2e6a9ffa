/**
 * The funnel of a cohort: problems submitted → selected (« retenu ») → go at a committee. The database
 * counts per territory (cohort.repository.ts, funnelCounts); this adds them up and names the steps.
 *
 * - submitted: problems sent to one of the cohort's calls. A draft was never sent; a duplicate merged
 *   into another problem is counted once, through the problem it was merged into.
 * - selected: problems the jury decided « retenu », and projects the staff started without a problem
 *   of the call (otherwise a cohort seeded with its projects only would show fewer selected than go).
 * - go: projects that received a « go » at a committee (counted once, whatever the number of committees).
 */
export type FunnelCounts = { submitted: number; selected: number; go: number };

export type FunnelRow = FunnelCounts & { territoryId: string; territoryName: string };

export type FunnelStep = { key: keyof FunnelCounts; label: string; count: number };

export type Funnel = {
  total: FunnelCounts;
  steps: FunnelStep[];
  /** One line per partner territory (in the order given), then any other territory that appears. */
  byTerritory: (FunnelCounts & { territoryId: string; name: string })[];
};

export const funnelLabels: Record<keyof FunnelCounts, string> = {
  submitted: 'Problèmes soumis',
  selected: 'Problèmes retenus',
  go: 'Projets poursuivis (go en comité)',
};

export function summariseFunnel(rows: FunnelRow[], partners: { id: string; name: string }[]): Funnel {
  const total: FunnelCounts = { submitted: 0, selected: 0, go: 0 };
  const byId = new Map<string, FunnelCounts & { name: string }>();
  for (const row of rows) {
    total.submitted += row.submitted;
    total.selected += row.selected;
    total.go += row.go;
    const counts = byId.get(row.territoryId) ?? { name: row.territoryName, submitted: 0, selected: 0, go: 0 };
    counts.submitted += row.submitted;
    counts.selected += row.selected;
    counts.go += row.go;
    byId.set(row.territoryId, counts);
  }
  const known = new Set(partners.map((t) => t.id));
  const byTerritory = [
    ...partners.map((t) => {
      const counts = byId.get(t.id);
      return {
        territoryId: t.id,
        name: t.name,
        submitted: counts?.submitted ?? 0,
        selected: counts?.selected ?? 0,
        go: counts?.go ?? 0,
      };
    }),
    // A territory that left the cohort after its agents submitted still has its line (and its totals).
    ...[...byId.entries()]
      .filter(([id]) => !known.has(id))
      .map(([territoryId, counts]) => ({ territoryId, ...counts })),
  ];
  const steps = (['submitted', 'selected', 'go'] as const).map((key) => ({
    key,
    label: funnelLabels[key],
    count: total[key],
  }));
  return { total, steps, byTerritory };
}
