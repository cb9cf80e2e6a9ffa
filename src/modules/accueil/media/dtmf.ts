/**
 * RFC 4733 telephone-events (DTMF sent as RTP packets, not as audio tones).
 *
 * Payload (4 bytes): | event (8) | E (1) R (1) volume (6) | duration (16) |
 * One key press is one event: every packet of it carries the same RTP timestamp (the event's start),
 * the duration grows while the key is held, and the last packet has the E (end) bit and is sent three
 * times. Packets are lost and repeated, so a press is recognised by its timestamp, not by counting.
 */

export type TelephoneEvent = {
  /** 0–9, 10 '*', 11 '#', 12–15 'A'–'D'. */
  event: number;
  end: boolean;
  /** Power level in −dBm0 (0..63). */
  volume: number;
  /** In timestamp units (8000 per second). */
  duration: number;
};

const DIGITS = '0123456789*#ABCD';

/** The character of a DTMF event number, or null for events that are not keys (flash, tones…). */
export function eventDigit(event: number): string | null {
  return DIGITS[event] ?? null;
}

/** The event number of a DTMF key ('0'–'9', '*', '#', 'A'–'D'). */
export function digitEvent(digit: string): number {
  const index = DIGITS.indexOf(digit.toUpperCase());
  if (digit.length !== 1 || index < 0) throw new RangeError(`DTMF: unknown key ${JSON.stringify(digit)}`);
  return index;
}

export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

export function encodeTelephoneEvent(e: TelephoneEvent): Buffer {
  const out = Buffer.alloc(4);
  out[0] = e.event & 0xff;
  out[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  out.writeUInt16BE(Math.min(e.duration, 0xffff), 2);
  return out;
}

/**
 * Recognises key presses in a stream of telephone-event packets: `receive` returns the digit on the
 * first packet of a press (whatever it is: start, update or end, so a press whose first packets were
 * lost still counts) and null for every other packet of it. A press is identified by SSRC + timestamp
 * + event, remembered for a second after its last packet: an end packet retransmitted late is not a
 * new press, but the same key sent again later with the same timestamp is (a sender that replays a
 * recorded press, such as SIPp's DTMF captures, keeps the timestamp of the recording).
 */
export class DtmfReceiver {
  private readonly seen = new Map<string, number>();

  receive(
    packet: { ssrc: number; timestamp: number; payload: Uint8Array },
    nowMs = performance.now(),
  ): string | null {
    const e = decodeTelephoneEvent(packet.payload);
    if (!e) return null;
    const digit = eventDigit(e.event);
    if (digit === null) return null;
    const key = `${packet.ssrc}:${packet.timestamp}:${e.event}`;
    const last = this.seen.get(key);
    this.seen.set(key, nowMs);
    if (last !== undefined && nowMs - last < PRESS_MEMORY_MS) return null;
    if (this.seen.size > 16) this.seen.delete(this.seen.keys().next().value!);
    return digit;
  }
}

/** How long after its last packet a press is remembered. */
const PRESS_MEMORY_MS = 1000;

/**
 * The telephone-event payloads of one key press of `durationMs`, one per 20 ms packet: updates with a
 * growing duration, then three end packets. Every packet carries the same RTP timestamp (the event's
 * start); the first one has the marker bit.
 */
export function telephoneEventPayloads(
  digit: string,
  durationMs = 100,
  volume = 10,
): { marker: boolean; payload: Buffer }[] {
  const event = digitEvent(digit);
  const steps = Math.max(1, Math.round(durationMs / 20));
  const packets: { marker: boolean; payload: Buffer }[] = [];
  for (let i = 1; i < steps; i++) {
    packets.push({
      marker: i === 1,
      payload: encodeTelephoneEvent({ event, end: false, volume, duration: i * 160 }),
    });
  }
  for (let i = 0; i < 3; i++) {
    packets.push({
      marker: steps === 1 && i === 0,
      payload: encodeTelephoneEvent({ event, end: true, volume, duration: steps * 160 }),
    });
  }
  return packets;
}

/** Frequencies (Hz) of a key's in-band dual tone (ITU-T Q.23), for legs without telephone-event. */
export function dtmfFrequencies(digit: string): [number, number] {
  const event = digitEvent(digit);
  const layout = '123A456B789C*0#D';
  const index = layout.indexOf(DIGITS[event]!);
  return [[697, 770, 852, 941][Math.floor(index / 4)]!, [1209, 1336, 1477, 1633][index % 4]!];
}
