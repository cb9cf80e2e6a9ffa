/**
 * Work started by a request and finished after its answer, such as sending a sign-in email: the
 * answer must not wait for it, or its duration would tell whether the address has an account.
 * Failures are reported to `onError` (never to the visitor). `settled()` lets shutdown, and tests,
 * wait until everything started has finished.
 */
export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();

  run(task: () => Promise<void>, onError: (error: unknown) => void): void {
    const running = task()
      .catch(onError)
      .finally(() => this.#pending.delete(running));
    this.#pending.add(running);
  }

  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
