/**
 * Received audio collected in sequence order (a voicemail): RTP over UDP arrives reordered, duplicated
 * or not at all, so frames are placed by their extended sequence number, duplicates dropped and short
 * losses filled with silence, which keeps the message's timing.
 */
import { type Law, SILENCE_BYTE } from './g711.ts';
import { sequenceDelta } from './rtp.ts';

/** Losses longer than this are a stream restart, not silence to fill; frames older than it are strays. */
const MAX_FILLED_GAP_PACKETS = 50;

export type Recording = { law: Law; payload: Buffer; durationMs: number };

type Frame = { index: number; payload: Buffer };

export class Recorder {
  private readonly frames: Frame[] = [];
  private bytes = 0;
  private ssrc: number | null = null;
  private lastSequence = 0;
  private highest = 0;

  constructor(
    readonly law: Law,
    private readonly maxBytes: number,
  ) {}

  /** Adds one received frame (payload already in `law`); past `maxBytes`, audio is dropped. */
  add(packet: { ssrc: number; sequence: number }, payload: Buffer): void {
    if (this.bytes >= this.maxBytes || payload.length === 0) return;
    let index: number;
    if (this.ssrc === null) {
      index = 0;
    } else if (packet.ssrc !== this.ssrc) {
      // A new source (the far end restarted its stream): continue after what we have.
      index = this.highest + 1;
    } else {
      index = this.highest + sequenceDelta(packet.sequence, this.lastSequence);
      if (index < this.highest - MAX_FILLED_GAP_PACKETS) return;
    }
    if (this.ssrc === null || packet.ssrc !== this.ssrc || index > this.highest) {
      this.ssrc = packet.ssrc;
      this.lastSequence = packet.sequence;
      this.highest = index;
    }
    this.frames.push({ index, payload });
    this.bytes += payload.length;
  }

  finish(): Recording {
    const sorted = [...this.frames].sort((a, b) => a.index - b.index);
    const parts: Buffer[] = [];
    let previous: Frame | null = null;
    for (const frame of sorted) {
      if (previous && frame.index === previous.index) continue;
      const missing = previous ? frame.index - previous.index - 1 : 0;
      if (previous && missing > 0 && missing <= MAX_FILLED_GAP_PACKETS) {
        parts.push(Buffer.alloc(missing * previous.payload.length, SILENCE_BYTE[this.law]));
      }
      parts.push(frame.payload);
      previous = frame;
    }
    const payload = Buffer.concat(parts);
    return { law: this.law, payload, durationMs: payload.length / 8 };
  }
}
