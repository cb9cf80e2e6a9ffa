/**
 * Moving one item of an ordered list (hypotheses, key figures) one step up or down, without
 * JavaScript: each arrow posts, the list is renumbered 0…n-1. `sameGroup` limits the step to the
 * nearest neighbour of the same group (hypotheses are shown grouped by state, so « monter » passes
 * over the hypotheses of other states, which the reader does not see beside it).
 * Returns the new order of the ids, or null when the item is already first/last (or unknown).
 */
export function moveInOrder<T extends { id: string }>(
  items: T[],
  id: string,
  direction: 'up' | 'down',
  sameGroup: (a: T, b: T) => boolean = () => true,
): string[] | null {
  const from = items.findIndex((item) => item.id === id);
  if (from === -1) return null;
  const step = direction === 'up' ? -1 : 1;
  let to = from + step;
  while (to >= 0 && to < items.length && !sameGroup(items[from]!, items[to]!)) to += step;
  if (to < 0 || to >= items.length) return null;
  const ids = items.map((item) => item.id);
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}
