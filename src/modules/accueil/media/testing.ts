/**
 * A test telephone: a plain UDP socket that records the RTP it receives (with arrival times on the
 * monotonic clock) and sends what a test tells it to, for the session, relay and voice tests.
 */
import { createSocket, type Socket } from 'node:dgram';
import { telephoneEventPayloads } from './dtmf.ts';
import { decodeRtp, encodeRtp, type RtpPacket } from './rtp.ts';

export type Arrival = { timeMs: number; packet: RtpPacket };

export class TestPhone {
  readonly arrivals: Arrival[] = [];
  private sequence = 1000;
  private timestamp = 50_000;
  readonly ssrc = 0x1234abcd;

  private constructor(
    readonly socket: Socket,
    readonly address: string,
    readonly port: number,
  ) {
    socket.on('message', (data) => {
      const packet = decodeRtp(data);
      if (packet) this.arrivals.push({ timeMs: Number(process.hrtime.bigint()) / 1e6, packet });
    });
  }

  static async open(address = '127.0.0.1'): Promise<TestPhone> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
    return new TestPhone(socket, address, socket.address().port);
  }

  get remote(): { address: string; port: number } {
    return { address: this.address, port: this.port };
  }

  /** Sends one RTP packet to `to`. */
  send(
    to: { address: string; port: number },
    packet: Omit<Partial<RtpPacket>, 'payload'> & { payload: Buffer },
  ): Promise<void> {
    const bytes = encodeRtp({
      payloadType: 0,
      sequence: this.sequence,
      timestamp: this.timestamp,
      ssrc: this.ssrc,
      ...packet,
    });
    return new Promise((resolve) => this.socket.send(bytes, to.port, to.address, () => resolve()));
  }

  /**
   * Sends `audio` as 20 ms frames with consecutive numbers: at once, or `paced` one every 20 ms as a
   * real phone does.
   */
  async sendAudio(
    to: { address: string; port: number },
    audio: Buffer,
    payloadType = 0,
    paced = false,
  ): Promise<void> {
    const start = performance.now();
    for (let i = 0; i < audio.length; i += 160) {
      if (paced)
        await new Promise((r) => setTimeout(r, Math.max(0, start + (i / 160) * 20 - performance.now())));
      await this.send(to, {
        payloadType,
        sequence: this.sequence,
        timestamp: this.timestamp,
        payload: audio.subarray(i, i + 160),
      });
      this.sequence = (this.sequence + 1) & 0xffff;
      this.timestamp = (this.timestamp + 160) >>> 0;
    }
  }

  /** One key press as RFC 4733 packets: updates, three end packets, each sent `repeat` times. */
  async pressKey(
    to: { address: string; port: number },
    digit: string,
    payloadType = 101,
    repeat = 1,
  ): Promise<void> {
    const timestamp = this.timestamp;
    for (const p of telephoneEventPayloads(digit, 100)) {
      for (let r = 0; r < repeat; r++) {
        await this.send(to, {
          payloadType,
          marker: p.marker,
          sequence: this.sequence,
          timestamp,
          payload: p.payload,
        });
      }
      this.sequence = (this.sequence + 1) & 0xffff;
    }
    this.timestamp = (this.timestamp + 1600) >>> 0;
  }

  /** Resolves once `count` packets have arrived (or throws after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 5000): Promise<Arrival[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.arrivals.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} packets, got ${this.arrivals.length}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.arrivals;
  }

  close(): void {
    this.socket.close();
  }
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** Gaps between consecutive times. */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

/** Waits for a condition, polling every 10 ms, up to `timeoutMs` (generous: test machines get busy). */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}
