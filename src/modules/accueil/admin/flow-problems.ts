import { flowDefinitionSchema } from '../flow/schema.ts';
import type { FlowDefinition } from '../flow/types.ts';
import { validateFlow } from '../flow/validate.ts';

/**
 * What is wrong with a flow: its shape (flow/schema.ts) and its logic (flow/validate.ts: dead ends,
 * options leading nowhere, services without hours…). The editor shows them at the top of the
 * configuration page and refuses any save that would add one.
 */
export type FlowProblem = { path: string; message: string };

/** A problem placed on the menu or service it is about, and the rest of its path. */
export type LocatedProblem = FlowProblem & { menu?: string; service?: string; rest: string[] };

export function flowProblems(flow: FlowDefinition): FlowProblem[] {
  const shape = flowDefinitionSchema.safeParse(flow);
  const problems: FlowProblem[] = shape.success
    ? []
    : shape.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  // The logic checks assume a well-formed flow; a malformed one is reported by its shape alone.
  if (shape.success) problems.push(...validateFlow(flow));
  return problems;
}

/** validate.ts names menus and services by key: « menus.principal.options.4 », « services.aspi.hours.1.0 ». */
export function locateProblem(problem: FlowProblem): LocatedProblem {
  const [head, which, ...rest] = problem.path.split('.').filter(Boolean);
  if (head === 'menus' && which !== undefined) return { ...problem, menu: which, rest };
  if (head === 'services' && which !== undefined) return { ...problem, service: which, rest };
  return { ...problem, rest: [head, which, ...rest].filter((t): t is string => t !== undefined) };
}

const identity = (p: LocatedProblem) => `${p.menu ?? ''}|${p.service ?? ''}|${p.rest.join('.')}|${p.message}`;

/**
 * The problems of `after` that `before` did not have. A save may not add any: flows saved through the
 * editor stay valid, and a flow made invalid otherwise (a rule added to validate.ts since it was saved)
 * can still be repaired one form at a time.
 */
export function addedProblems(before: FlowDefinition, after: FlowDefinition): LocatedProblem[] {
  const known = new Set(flowProblems(before).map((p) => identity(locateProblem(p))));
  return flowProblems(after)
    .map(locateProblem)
    .filter((p) => !known.has(identity(p)));
}
