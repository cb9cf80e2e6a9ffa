import { afterEach, describe, expect, it } from 'vitest';
import { DtmfReceiver } from './dtmf.ts';
import { type Law, SILENCE_BYTE, transcode } from './g711.ts';
import { bridge } from './relay.ts';
import { sequenceDelta, timestampDelta } from './rtp.ts';
import { RtpSession } from './session.ts';
import { TestPhone, until } from './testing.ts';

const host = '127.0.0.1';
const ports = { min: 43000, max: 43999 };
const sessions: RtpSession[] = [];
const phones: TestPhone[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const p of phones.splice(0)) p.close();
});

/** A caller's phone and our session for it. */
async function leg(law: Law, dtmfPayloadType: number | null) {
  const phone = await TestPhone.open();
  phones.push(phone);
  const session = await RtpSession.open({
    host,
    ports,
    law,
    payloadType: law === 'ulaw' ? 0 : 8,
    dtmfPayloadType,
    remote: phone.remote,
  });
  sessions.push(session);
  return { phone, session, to: { address: host, port: session.port }, law };
}

/** Frames filled with 1, 2, 3…: never silence in either law, and their order shows. */
function numberedFrames(count: number, from = 1): Buffer {
  const audio = Buffer.alloc(count * 160);
  for (let i = 0; i < count; i++) audio.fill(from + i, i * 160, (i + 1) * 160);
  return audio;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The audio frames a phone heard that are not silence, in arrival order. */
function heard(phone: TestPhone, law: Law, payloadType: number): Buffer[] {
  return phone.arrivals
    .filter(
      (a) =>
        a.packet.payloadType === payloadType &&
        !a.packet.payload.equals(Buffer.alloc(160, SILENCE_BYTE[law])),
    )
    .map((a) => a.packet.payload);
}

function digitsHeard(phone: TestPhone, payloadType: number): string[] {
  const receiver = new DtmfReceiver();
  return phone.arrivals
    .filter((a) => a.packet.payloadType === payloadType)
    .map((a) => receiver.receive(a.packet))
    .filter((d): d is string => d !== null);
}

describe('bridge', () => {
  it('relays audio both ways, transcoding µ-law ↔ A-law, and key presses with each leg’s event number', async () => {
    const a = await leg('ulaw', 101);
    const b = await leg('alaw', 96);
    const link = bridge(a.session, b.session);
    const fromA = numberedFrames(25, 1);
    const fromB = numberedFrames(25, 100);
    await Promise.all([a.phone.sendAudio(a.to, fromA, 0, true), b.phone.sendAudio(b.to, fromB, 8, true)]);
    await a.phone.pressKey(a.to, '5', 101, 2);
    await b.phone.pressKey(b.to, '#', 96);
    await until(() => heard(b.phone, 'alaw', 8).length >= 25 && heard(a.phone, 'ulaw', 0).length >= 25);
    await until(() => digitsHeard(a.phone, 101).length + digitsHeard(b.phone, 96).length >= 2);

    const bHeard = Buffer.concat(heard(b.phone, 'alaw', 8));
    expect(bHeard.equals(transcode(fromA, 'ulaw', 'alaw'))).toBe(true);
    const aHeard = Buffer.concat(heard(a.phone, 'ulaw', 0));
    expect(aHeard.equals(transcode(fromB, 'alaw', 'ulaw'))).toBe(true);
    expect(digitsHeard(b.phone, 96)).toEqual(['5']);
    expect(digitsHeard(a.phone, 101)).toEqual(['#']);

    // Each leg's stream stays one continuous RTP stream: sequence +1, audio timestamps +160.
    for (const phone of [a.phone, b.phone]) {
      const arrivals = phone.arrivals;
      for (let i = 1; i < arrivals.length; i++) {
        expect(sequenceDelta(arrivals[i]!.packet.sequence, arrivals[i - 1]!.packet.sequence)).toBe(1);
        expect(arrivals[i]!.packet.ssrc).toBe(arrivals[0]!.packet.ssrc);
      }
      const audio = arrivals.filter((x) => x.packet.payloadType === 0 || x.packet.payloadType === 8);
      for (let i = 1; i < audio.length; i++) {
        expect(timestampDelta(audio[i]!.packet.timestamp, audio[i - 1]!.packet.timestamp) % 160).toBe(0);
        expect(timestampDelta(audio[i]!.packet.timestamp, audio[i - 1]!.packet.timestamp)).toBeGreaterThan(0);
      }
    }

    b.session.close();
    expect(await link.done).toBe('b-closed');
  });

  it('passes audio unchanged between legs of the same law, and plays key presses as tones without events', async () => {
    const a = await leg('alaw', 101);
    const b = await leg('alaw', null);
    const link = bridge(a.session, b.session);
    const audio = numberedFrames(10, 40);
    await a.phone.sendAudio(a.to, audio, 8, true);
    await until(() => heard(b.phone, 'alaw', 8).length >= 10);
    expect(Buffer.concat(heard(b.phone, 'alaw', 8)).equals(audio)).toBe(true);
    const before = heard(b.phone, 'alaw', 8).length;
    await a.phone.pressKey(a.to, '1');
    await until(() => heard(b.phone, 'alaw', 8).length >= before + 5);
    expect(heard(b.phone, 'alaw', 8).length).toBeGreaterThanOrEqual(before + 5); // 100 ms of dual tone
    expect(b.phone.arrivals.every((x) => x.packet.payloadType === 8)).toBe(true);
    link.stop();
    expect(await link.done).toBe('stopped');
  });

  it('stops relaying on stop() and leaves both sessions usable', async () => {
    const a = await leg('ulaw', 101);
    const b = await leg('ulaw', 101);
    const link = bridge(a.session, b.session);
    link.stop();
    link.stop();
    expect(await link.done).toBe('stopped');
    await a.phone.sendAudio(a.to, numberedFrames(5), 0, true);
    await sleep(60);
    expect(heard(b.phone, 'ulaw', 0)).toEqual([]);
    expect(await b.session.play(numberedFrames(2, 77))).toBe('done');
    await until(() => heard(b.phone, 'ulaw', 0).length >= 2);
    expect(heard(b.phone, 'ulaw', 0).length).toBe(2);
  });

  it('ends at once when a session is already closed', async () => {
    const a = await leg('ulaw', 101);
    const b = await leg('ulaw', 101);
    a.session.close();
    expect(await bridge(a.session, b.session).done).toBe('a-closed');
  });
});
