/**
 * Key presses waiting to be read. A caller who knows the menu types ahead (during the welcome or a
 * prompt): the digits wait here for the next question instead of being lost.
 */
export class DigitBuffer {
  private readonly digits: string[] = [];
  private wake: (() => void) | null = null;
  private closed = false;

  push(digit: string): void {
    this.digits.push(digit);
    this.wake?.();
  }

  get pending(): boolean {
    return this.digits.length > 0;
  }

  /** Nothing more will come (the caller hung up): waiting reads end now. */
  close(): void {
    this.closed = true;
    this.wake?.();
  }

  /**
   * Up to maxDigits keys within timeoutMs (counted from now, for the whole answer); '#' ends a
   * multi-digit answer early and is not part of it. '' when nothing was typed in time.
   */
  async read(maxDigits: number, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let answer = '';
    while (answer.length < maxDigits) {
      const digit = this.digits.shift();
      if (digit !== undefined) {
        if (digit === '#' && maxDigits > 1) break;
        answer += digit;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return answer;
  }
}
