import { describe, expect, it } from 'vitest';
import { moveInOrder } from './ordering.ts';

const list = [
  { id: 'a', g: 1 },
  { id: 'b', g: 2 },
  { id: 'c', g: 1 },
  { id: 'd', g: 1 },
];

describe('moving an item in an ordered list', () => {
  it.each([
    ['c', 'up', ['a', 'c', 'b', 'd']],
    ['c', 'down', ['a', 'b', 'd', 'c']],
    ['a', 'up', null],
    ['d', 'down', null],
    ['x', 'up', null],
  ] as const)('%s %s → %j', (id, direction, expected) => {
    expect(moveInOrder(list, id, direction)).toEqual(expected);
  });

  it('steps over items of another group', () => {
    const same = (x: { g: number }, y: { g: number }) => x.g === y.g;
    expect(moveInOrder(list, 'c', 'up', same)).toEqual(['c', 'b', 'a', 'd']);
    expect(moveInOrder(list, 'a', 'down', same)).toEqual(['c', 'b', 'a', 'd']);
    expect(moveInOrder(list, 'b', 'up', same)).toBeNull();
  });
});
