import type { FlowDefinition } from '../flow/types.ts';
import type { LocatedProblem } from './flow-problems.ts';
import type { FormValues } from './form-reading.ts';

/**
 * One form of the flow editor, as pure code: from the posted fields and the flow as saved, the whole
 * new flow (or the fields' messages). The save (configuration.service.ts) then validates the whole
 * flow and places each problem the change would add on the field that caused it.
 */
export type EditApplied = { ok: true; flow: FlowDefinition } | { ok: false; errors: Record<string, string> };

export type FlowEdit = {
  /** What changed, in the audit trail: « menu principal », « service aspi : horaires ». */
  label: string;
  apply(flow: FlowDefinition, values: FormValues): EditApplied;
  /** The field where a problem is shown; undefined: at the top of the form. */
  fieldOf(problem: LocatedProblem): string | undefined;
};

export type Change = { path: string; before: unknown; after: unknown };

/**
 * What a save changed, leaf by leaf, with menus and services named by key (« services.aspi.transferTo »)
 * so that the audit trail reads without the flow of that day. Lists of values (options' order,
 * overflow choices, a day's ranges, closures) are compared whole.
 */
export function flowChanges(before: FlowDefinition, after: FlowDefinition): Change[] {
  const changes: Change[] = [];
  diff(keyed(before), keyed(after), '', changes);
  return changes;
}

function keyed(flow: FlowDefinition): Record<string, unknown> {
  return {
    ...flow,
    menus: Object.fromEntries(flow.menus.map((m) => [m.key, m])),
    services: Object.fromEntries(flow.services.map((s) => [s.key, s])),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function diff(before: unknown, after: unknown, path: string, out: Change[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) diff(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, before: before ?? null, after: after ?? null });
  }
}
