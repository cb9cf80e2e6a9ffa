/**
 * Seeded randomness for the demo: the same seed gives the same calls on every machine and every run
 * (Math.random would make two seeded databases differ). A copy of the other modules' few lines, since
 * modules do not import each other.
 */
export type Random = () => number;

/** mulberry32: a small, fast 32-bit generator, good enough for demo data. */
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

export const chance = (random: Random, probability: number): boolean => random() < probability;

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

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
export function randomUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
