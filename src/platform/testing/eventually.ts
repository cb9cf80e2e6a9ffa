/**
 * Polls `probe` until it gives a value, for outcomes that background workers reach on their own time
 * (a message sent, a job retried). The limit only stops a stuck test; it asserts nothing about speed.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
