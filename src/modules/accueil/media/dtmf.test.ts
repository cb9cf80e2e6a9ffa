import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DtmfReceiver,
  decodeTelephoneEvent,
  digitEvent,
  dtmfFrequencies,
  encodeTelephoneEvent,
  eventDigit,
  telephoneEventPayloads,
} from './dtmf.ts';
import { readPcapUdp } from './pcap.ts';
import { decodeRtp } from './rtp.ts';

describe('telephone-event payloads (RFC 4733)', () => {
  it('decodes event, end bit, volume and duration', () => {
    expect(decodeTelephoneEvent(Buffer.from('018a08c0', 'hex'))).toEqual({
      event: 1,
      end: true,
      volume: 10,
      duration: 0x08c0,
    });
    expect(decodeTelephoneEvent(Buffer.from('0b0a0140', 'hex'))).toEqual({
      event: 11,
      end: false,
      volume: 10,
      duration: 320,
    });
    expect(decodeTelephoneEvent(Buffer.from('0b0a01', 'hex'))).toBeNull();
  });

  it('encodes what it decodes', () => {
    for (const e of [
      { event: 0, end: false, volume: 0, duration: 0 },
      { event: 10, end: true, volume: 63, duration: 65535 },
      { event: 11, end: false, volume: 10, duration: 800 },
    ]) {
      expect(decodeTelephoneEvent(encodeTelephoneEvent(e))).toEqual(e);
    }
  });

  it('names the keys', () => {
    expect([...Array(16).keys()].map(eventDigit).join('')).toBe('0123456789*#ABCD');
    expect(eventDigit(16)).toBeNull();
    expect(digitEvent('*')).toBe(10);
    expect(digitEvent('#')).toBe(11);
    expect(digitEvent('d')).toBe(15);
    expect(() => digitEvent('E')).toThrow(RangeError);
    expect(() => digitEvent('12')).toThrow(RangeError);
    expect(dtmfFrequencies('1')).toEqual([697, 1209]);
    expect(dtmfFrequencies('#')).toEqual([941, 1477]);
    expect(dtmfFrequencies('0')).toEqual([941, 1336]);
  });

  it('writes a press as updates then three end packets, the first with the marker', () => {
    const packets = telephoneEventPayloads('5', 100);
    expect(packets.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(packets.map((p) => decodeTelephoneEvent(p.payload))).toEqual([
      { event: 5, end: false, volume: 10, duration: 160 },
      { event: 5, end: false, volume: 10, duration: 320 },
      { event: 5, end: false, volume: 10, duration: 480 },
      { event: 5, end: false, volume: 10, duration: 640 },
      { event: 5, end: true, volume: 10, duration: 800 },
      { event: 5, end: true, volume: 10, duration: 800 },
      { event: 5, end: true, volume: 10, duration: 800 },
    ]);
    expect(telephoneEventPayloads('#', 20).map((p) => p.marker)).toEqual([true, false, false]);
  });
});

describe('DtmfReceiver', () => {
  const press = (digit: string, timestamp: number, ssrc = 1) =>
    telephoneEventPayloads(digit, 100).map((p) => ({ ssrc, timestamp, payload: p.payload }));

  it('gives one digit for a press, whatever the repeated end packets', () => {
    const receiver = new DtmfReceiver();
    const digits = press('7', 1000).map((p) => receiver.receive(p));
    expect(digits.filter((d) => d !== null)).toEqual(['7']);
    expect(digits[0]).toBe('7'); // on the first packet, so a prompt can stop at once
  });

  it('tolerates duplicated and reordered packets, and a late retransmitted end', () => {
    const receiver = new DtmfReceiver();
    const first = press('1', 1000);
    const second = press('2', 3000);
    const stream = [
      first[0]!,
      first[0]!,
      first[2]!,
      first[1]!,
      ...first.slice(3),
      second[0]!,
      first[6]!,
      ...second.slice(1),
      second[6]!,
    ];
    expect(stream.map((p) => receiver.receive(p)).filter((d) => d !== null)).toEqual(['1', '2']);
  });

  it('counts a press whose start was lost (only the end packets arrive)', () => {
    const receiver = new DtmfReceiver();
    expect(
      press('9', 5000)
        .slice(4)
        .map((p) => receiver.receive(p)),
    ).toEqual(['9', null, null]);
  });

  it('counts the same key pressed twice: a new press has a new timestamp', () => {
    const receiver = new DtmfReceiver();
    const all = [...press('3', 1000), ...press('3', 2600), ...press('3', 4200)];
    expect(all.map((p) => receiver.receive(p)).filter((d) => d !== null)).toEqual(['3', '3', '3']);
  });

  it('keeps presses of two sources apart and ignores non-key events', () => {
    const receiver = new DtmfReceiver();
    expect(receiver.receive(press('4', 1000, 1)[0]!)).toBe('4');
    expect(receiver.receive(press('4', 1000, 2)[0]!)).toBe('4');
    const flash = encodeTelephoneEvent({ event: 16, end: false, volume: 10, duration: 160 });
    expect(receiver.receive({ ssrc: 1, timestamp: 9000, payload: flash })).toBeNull();
    expect(receiver.receive({ ssrc: 1, timestamp: 9000, payload: Buffer.alloc(2) })).toBeNull();
  });
});

const captures = '/usr/share/sip-tester';
describe.skipIf(!existsSync(`${captures}/dtmf_2833_1.pcap`))('SIPp RFC 4733 captures', () => {
  const files: [string, string][] = [
    ...[...'0123456789'].map((d): [string, string] => [`dtmf_2833_${d}.pcap`, d]),
    ['dtmf_2833_star.pcap', '*'],
    ['dtmf_2833_pound.pcap', '#'],
  ];
  it.each(files)('%s is exactly one %s', (file, digit) => {
    const datagrams = readPcapUdp(readFileSync(`${captures}/${file}`));
    // 7 updates and the end packet sent 3 times (with the same sequence number, as captured).
    expect(datagrams.length).toBe(10);
    const receiver = new DtmfReceiver();
    const digits = datagrams.map((d) => receiver.receive(decodeRtp(d.payload)!)).filter((x) => x !== null);
    expect(digits).toEqual([digit]);
    const last = decodeTelephoneEvent(decodeRtp(datagrams[9]!.payload)!.payload)!;
    expect(last.end).toBe(true);
    expect(last.duration).toBe(0x08c0);
  });
});

describe('DtmfReceiver and a press replayed later', () => {
  it('counts the same recorded press sent again a second later as a new press', () => {
    const receiver = new DtmfReceiver();
    const payloads = telephoneEventPayloads('1').map((p) => p.payload);
    const press = (at: number) =>
      payloads.map((payload, i) => receiver.receive({ ssrc: 7, timestamp: 1600, payload }, at + i * 20));
    expect(press(0).filter(Boolean)).toEqual(['1']);
    // A late retransmission of the end packet is still the same press.
    expect(receiver.receive({ ssrc: 7, timestamp: 1600, payload: payloads.at(-1)! }, 500)).toBeNull();
    expect(press(3000).filter(Boolean)).toEqual(['1']);
  });
});
