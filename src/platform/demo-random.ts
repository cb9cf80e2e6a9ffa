/**
 * Seeded randomness for demo data: the same seed gives the same people, calls and scores on every
 * machine and every run (Math.random would make two seeded databases differ). Every module's demo
 * draws from here.
 */
export type Random = () => number;

/** A 32-bit generator (the « mulberry32 » mixing steps): fast, small, good enough for demo data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

export const chance = (random: Random, probability: number): boolean => random() < probability;

/** A number in [low, high). */
export const between = (random: Random, low: number, high: number): number => low + random() * (high - low);

/** An integer in [low, high]. */
export const intBetween = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

/** Exponentially distributed, of the given mean: waiting times. */
export const exponential = (random: Random, mean: number): number => -Math.log(1 - random()) * mean;

/** Triangular on [low, high] with its peak at `mode`: the morning rush. */
export function triangular(random: Random, low: number, mode: number, high: number): number {
  const u = random();
  const split = (mode - low) / (high - low);
  return u < split
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** One of the keys, with probabilities proportional to the weights. */
export function weighted<T extends string>(random: Random, weights: Partial<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = random() * total;
  for (const [key, w] of entries) {
    x -= w;
    if (x < 0) return key;
  }
  return entries.at(-1)![0];
}

/** A version-4-shaped UUID drawn from the generator, so rows can point at each other before insertion. */

/** `count` distinct items of `list`, in a random order. */
export function sample<T>(random: Random, list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

/** A version-4-shaped UUID drawn from the generator, so rows can point at each other before insertion. */
export function randomUuid(random: Random): string {
  const hex = Array.from({ length: 16 }, (_, i) => {
    let byte = Math.floor(random() * 256);
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    return byte.toString(16).padStart(2, '0');
  }).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
