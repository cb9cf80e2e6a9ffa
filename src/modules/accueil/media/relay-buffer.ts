/**
 * Audio from the other leg of a bridge, waiting for this leg's next 20 ms slot. The two legs' packets
 * arrive on unrelated clocks: the buffer absorbs their jitter, drops a burst beyond `max`, and sheds a
 * delay that outlasts a second (a burst's leftover, or two clocks drifting apart) one frame at a time.
 */
const FRAME_BYTES = 160;
const MAX_BYTES = 10 * FRAME_BYTES;
const TARGET_BYTES = 3 * FRAME_BYTES;
const DRAIN_AFTER_SLOTS = 50;

export class RelayBuffer {
  private waiting: Buffer = Buffer.alloc(0);
  private highSlots = 0;

  push(payload: Buffer): void {
    const joined = Buffer.concat([this.waiting, payload]);
    this.waiting = joined.length > MAX_BYTES ? joined.subarray(joined.length - MAX_BYTES) : joined;
  }

  /** The next 160-byte frame, or null when none has arrived in time (the slot gets silence). */
  take(): Buffer | null {
    this.highSlots = this.waiting.length > TARGET_BYTES ? this.highSlots + 1 : 0;
    if (this.highSlots >= DRAIN_AFTER_SLOTS) {
      this.waiting = this.waiting.subarray(FRAME_BYTES);
      this.highSlots = 0;
    }
    if (this.waiting.length < FRAME_BYTES) return null;
    const frame = this.waiting.subarray(0, FRAME_BYTES);
    this.waiting = this.waiting.subarray(FRAME_BYTES);
    return frame;
  }

  get bytes(): number {
    return this.waiting.length;
  }

  clear(): void {
    this.waiting = Buffer.alloc(0);
    this.highSlots = 0;
  }
}
