import { afterEach, describe, expect, it } from 'vitest';
import { DtmfReceiver, decodeTelephoneEvent } from './dtmf.ts';
import { encodeG711, type Law, linearToAlaw, tone, ULAW_TO_ALAW } from './g711.ts';
import { sequenceDelta, timestampDelta } from './rtp.ts';
import { RtpSession, type RtpSessionOptions } from './session.ts';
import { gaps, percentile, TestPhone, until } from './testing.ts';
import { g711Wav, readWav } from './wav.ts';

const host = '127.0.0.1';
const ports = { min: 42000, max: 42999 };
const sessions: RtpSession[] = [];
const phones: TestPhone[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const p of phones.splice(0)) p.close();
});

async function setup(options: Partial<RtpSessionOptions> = {}) {
  const phone = await TestPhone.open();
  phones.push(phone);
  const session = await RtpSession.open({
    host,
    ports,
    law: 'ulaw',
    payloadType: 0,
    dtmfPayloadType: 101,
    remote: phone.remote,
    ...options,
  });
  sessions.push(session);
  const to = { address: host, port: session.port };
  return { phone, session, to };
}

/** Distinct bytes per frame, so order and loss are visible in what arrives. */
function numberedFrames(count: number): Buffer {
  const audio = Buffer.alloc(count * 160);
  for (let i = 0; i < count; i++) audio.fill(i % 200, i * 160, (i + 1) * 160);
  return audio;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectContinuous(arrivals: { packet: { sequence: number; timestamp: number; ssrc: number } }[]) {
  for (let i = 1; i < arrivals.length; i++) {
    expect(sequenceDelta(arrivals[i]!.packet.sequence, arrivals[i - 1]!.packet.sequence)).toBe(1);
    expect(arrivals[i]!.packet.ssrc).toBe(arrivals[0]!.packet.ssrc);
  }
}

describe('RtpSession: playing', () => {
  it('paces 2 s of audio as 100 frames of 20 ms on the monotonic clock', async () => {
    const { phone, session } = await setup({ idle: 'quiet' });
    const audio = numberedFrames(100);
    const started = performance.now();
    expect(await session.play(audio)).toBe('done');
    const elapsed = performance.now() - started;
    const arrivals = await phone.waitFor(100);
    await sleep(60);
    expect(arrivals.length).toBe(100); // nothing after the prompt in 'quiet' mode
    expectContinuous(arrivals);
    arrivals.forEach((a, i) => {
      expect(timestampDelta(a.packet.timestamp, arrivals[0]!.packet.timestamp)).toBe(i * 160);
      expect(a.packet.payloadType).toBe(0);
      expect(a.packet.marker).toBe(i === 0);
      expect(a.packet.payload.equals(audio.subarray(i * 160, (i + 1) * 160))).toBe(true);
    });
    // 99 intervals of 20 ms, plus any time the machine stalled us for more than 100 ms (reported).
    const expected = 1980 + session.stats().scheduleShiftedMs;
    const span = arrivals[99]!.timeMs - arrivals[0]!.timeMs;
    expect(span).toBeGreaterThan(expected * 0.9);
    expect(span).toBeLessThan(expected * 1.1);
    expect(elapsed).toBeGreaterThan(expected * 0.9);
    expect(elapsed).toBeLessThan(expected * 1.1);
    const arrivalGaps = gaps(arrivals.map((a) => a.timeMs));
    const sendGaps = gaps(session.stats().sendTimesMs);
    const figures = {
      arrival: {
        p50: percentile(arrivalGaps, 50),
        p99: percentile(arrivalGaps, 99),
        max: Math.max(...arrivalGaps),
      },
      send: { p50: percentile(sendGaps, 50), p99: percentile(sendGaps, 99), max: Math.max(...sendGaps) },
      spanMs: span,
      shiftedMs: session.stats().scheduleShiftedMs,
    };
    console.log(`RTP pacing over 2 s on loopback: ${JSON.stringify(figures)}`);
    expect(figures.arrival.p50).toBeGreaterThan(15);
    expect(figures.arrival.p50).toBeLessThan(25);
    expect(session.stats()).toMatchObject({ packetsSent: 100, bytesSent: 100 * 172 });
  });

  it('keeps sequence, timestamp and SSRC continuous across prompts, with silence between them', async () => {
    const { phone, session } = await setup();
    expect(await session.play(numberedFrames(5))).toBe('done');
    await sleep(100);
    expect(await session.play(numberedFrames(5))).toBe('done');
    await until(() => phone.arrivals.filter((a) => a.packet.payload[0] === 4).length === 2);
    const all = phone.arrivals.slice();
    const lastPrompt = all.findLastIndex((a) => a.packet.payload[0] === 4);
    const arrivals = all.slice(0, lastPrompt + 1);
    expectContinuous(all);
    arrivals.forEach((a, i) => {
      if (i > 0) expect(timestampDelta(a.packet.timestamp, arrivals[i - 1]!.packet.timestamp)).toBe(160);
    });
    const silences = arrivals.slice(5, -5);
    expect(silences.length).toBeGreaterThanOrEqual(1); // ~5 on an idle machine
    for (const s of silences) expect(s.packet.payload.equals(Buffer.alloc(160, 0xff))).toBe(true);
    // The marker bit opens each talkspurt.
    expect(arrivals.map((a) => a.packet.marker)).toEqual(
      arrivals.map((_, i) => i === 0 || i === arrivals.length - 5),
    );
    // 'silence' keeps the stream going after the prompt.
    const count = phone.arrivals.length;
    await phone.waitFor(count + 3);
    expect(phone.arrivals.slice(count).every((a) => a.packet.payload.equals(Buffer.alloc(160, 0xff)))).toBe(
      true,
    );
  });

  it('in quiet mode stops between prompts and jumps the timestamp by the silent time', async () => {
    const { phone, session } = await setup({ idle: 'quiet' });
    await session.play(numberedFrames(3));
    const firstDone = performance.now();
    await sleep(200);
    const secondStart = performance.now();
    await session.play(numberedFrames(3));
    const arrivals = (await phone.waitFor(6)).slice();
    await sleep(50);
    expect(phone.arrivals.length).toBe(6);
    expectContinuous(arrivals);
    expect(arrivals.map((a) => a.packet.marker)).toEqual([true, false, false, true, false, false]);
    const jump = timestampDelta(arrivals[3]!.packet.timestamp, arrivals[2]!.packet.timestamp);
    expect(jump % 160).toBe(0);
    // The quiet time, in samples: from the last frame sent to the next prompt's start.
    expect(jump).toBeGreaterThanOrEqual((secondStart - firstDone - 20) * 8);
    expect(jump).toBeLessThanOrEqual((secondStart - firstDone + 100) * 8);
  });

  it('plays queued prompts back to back as one talkspurt', async () => {
    const { phone, session } = await setup({ idle: 'quiet' });
    const results = await Promise.all([session.play(numberedFrames(2)), session.play(numberedFrames(2))]);
    expect(results).toEqual(['done', 'done']);
    const arrivals = await phone.waitFor(4);
    expectContinuous(arrivals);
    expect(arrivals.map((a) => a.packet.marker)).toEqual([true, false, false, false]);
    expect(arrivals.map((a) => a.packet.payload[0])).toEqual([0, 1, 0, 1]);
  });

  it('queues prompts; stopPlayback interrupts them all; close resolves what is left', async () => {
    const { session } = await setup();
    const first = session.play(numberedFrames(50));
    const second = session.play(numberedFrames(50));
    expect(session.playing).toBe(true);
    await sleep(60);
    session.stopPlayback();
    expect(await first).toBe('interrupted');
    expect(await second).toBe('interrupted');
    expect(session.playing).toBe(false);
    const third = session.play(numberedFrames(50));
    session.close();
    expect(await third).toBe('closed');
    expect(await session.play(numberedFrames(1))).toBe('closed');
    expect(await session.play(Buffer.alloc(0))).toBe('closed');
    expect(session.closed).toBe(true);
  });

  it('pads a prompt that is not a whole number of frames with silence', async () => {
    const { phone, session } = await setup({ law: 'alaw', payloadType: 8, idle: 'quiet' });
    await session.play(Buffer.alloc(200, 0x2a));
    const arrivals = await phone.waitFor(2);
    expect(arrivals[0]!.packet.payloadType).toBe(8);
    expect(
      arrivals[1]!.packet.payload.equals(Buffer.concat([Buffer.alloc(40, 0x2a), Buffer.alloc(120, 0xd5)])),
    ).toBe(true);
  });

  it('beeps: 400 ms of 1 kHz in the negotiated law', async () => {
    for (const law of ['ulaw', 'alaw'] as Law[]) {
      const { phone, session } = await setup({ law, payloadType: law === 'ulaw' ? 0 : 8, idle: 'quiet' });
      expect(await session.beep()).toBe('done');
      const arrivals = await phone.waitFor(20);
      expect(arrivals.length).toBe(20);
      const audio = Buffer.concat(arrivals.map((a) => a.packet.payload));
      expect(audio.equals(tone([1000], 400, law, 0.3))).toBe(true);
    }
  });

  it('keeps the schedule through a stalled event loop: catches up without a burst, or shifts', async () => {
    const { phone, session } = await setup({ idle: 'quiet' });
    const done = session.play(numberedFrames(40));
    await sleep(150);
    const until = performance.now() + 70;
    while (performance.now() < until) {
      // a 70 ms stall (3-4 frames late): caught up at 10 ms intervals
    }
    await sleep(200);
    const until2 = performance.now() + 250;
    while (performance.now() < until2) {
      // a 250 ms stall: more than 5 frames late, the schedule shifts
    }
    expect(await done).toBe('done');
    await phone.waitFor(40);
    expectContinuous(phone.arrivals);
    const stats = session.stats();
    expect(stats.packetsSent).toBe(40);
    expect(stats.scheduleShifts).toBeGreaterThanOrEqual(1); // more if the machine itself stalls us
    const sendGaps = gaps(stats.sendTimesMs);
    // No burst: consecutive sends at least ~10 ms apart (timers may fire up to 1 ms early).
    expect(Math.min(...sendGaps)).toBeGreaterThan(8);
  });
});

describe('RtpSession: key presses', () => {
  it('emits one digit per press despite repeated and retransmitted end packets', async () => {
    const { phone, session, to } = await setup();
    const digits: string[] = [];
    session.on('dtmf', (d) => digits.push(d));
    await phone.pressKey(to, '1', 101, 2);
    await phone.pressKey(to, '#');
    await phone.pressKey(to, '1');
    await until(() => digits.length >= 3);
    await sleep(50);
    expect(digits).toEqual(['1', '#', '1']);
    expect(session.stats().dtmfReceived).toBe(3);
  });

  it('interrupts an interruptible prompt, not the others', async () => {
    const { phone, session, to } = await setup();
    const locked = session.play(numberedFrames(10));
    const open = session.play(numberedFrames(100), { interruptible: true });
    await sleep(40);
    await phone.pressKey(to, '5');
    expect(await open).toBe('interrupted');
    expect(await locked).toBe('done');
    const barge = session.play(numberedFrames(100), { interruptible: true });
    await sleep(40);
    await phone.pressKey(to, '*');
    expect(await barge).toBe('interrupted');
  });

  it('sends key presses as RFC 4733 events, or as tones to a leg without them', async () => {
    const { phone, session } = await setup({ idle: 'quiet' });
    await session.sendDtmf('7');
    const events = (await phone.waitFor(7)).slice();
    expectContinuous(events);
    expect(new Set(events.map((e) => e.packet.timestamp)).size).toBe(1);
    expect(events.map((e) => e.packet.payloadType)).toEqual(Array(7).fill(101));
    expect(events.map((e) => e.packet.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(events.map((e) => decodeTelephoneEvent(e.packet.payload)!.end)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    const receiver = new DtmfReceiver();
    expect(events.map((e) => receiver.receive(e.packet)).filter(Boolean)).toEqual(['7']);
    // Audio after the event continues the timestamps as if every 20 ms slot had been audio.
    await session.play(numberedFrames(1));
    const after = (await phone.waitFor(8))[7]!.packet;
    expect(timestampDelta(after.timestamp, events[0]!.packet.timestamp)).toBeGreaterThanOrEqual(7 * 160);

    const plain = await setup({ dtmfPayloadType: null, idle: 'quiet' });
    await plain.session.sendDtmf('7');
    const tones = await plain.phone.waitFor(8);
    expect(tones.every((t) => t.packet.payloadType === 0)).toBe(true);
  });
});

describe('RtpSession: receiving', () => {
  it('learns the remote from the first packet when the SDP gave none or 0.0.0.0 (symmetric RTP)', async () => {
    for (const remote of [null, { address: '0.0.0.0', port: 4000 }]) {
      const { phone, session, to } = await setup({ remote, idle: 'quiet' });
      expect(session.remote).toBeNull();
      const learned = new Promise((resolve) => session.once('remote', resolve));
      await phone.sendAudio(to, Buffer.alloc(160, 0xff));
      expect(await learned).toEqual(phone.remote);
      expect(session.remote).toEqual(phone.remote);
      await session.play(numberedFrames(2));
      expect((await phone.waitFor(2)).length).toBe(2);
    }
  });

  it('latches onto the first packet’s source when asked (NAT), and follows a hold and its end', async () => {
    const { phone, session, to } = await setup({
      remote: { address: '127.0.0.1', port: 9 },
      latch: true,
      idle: 'quiet',
    });
    await phone.sendAudio(to, Buffer.alloc(160, 0xff));
    await until(() => session.remote?.port === phone.port);
    expect(session.remote).toEqual(phone.remote);
    session.updateRemote({ address: '0.0.0.0', port: phone.port }); // re-INVITE: hold
    expect(session.remote).toBeNull();
    expect(await session.play(numberedFrames(3))).toBe('done'); // keeps time, sends nothing
    session.updateRemote(phone.remote);
    expect(await session.play(numberedFrames(2))).toBe('done');
    await phone.waitFor(2);
    await sleep(40);
    expect(phone.arrivals.map((a) => a.packet.payload[0])).toEqual([0, 1]);
    expect(session.stats().packetsSent).toBe(2);
  });

  it('records in sequence order: reordered, duplicated and lost packets, then a WAV that reads back', async () => {
    const { phone, session, to } = await setup({ idle: 'quiet' });
    const audio: Buffer[] = [];
    session.on('audio', (payload) => audio.push(payload));
    await phone.sendAudio(to, Buffer.alloc(160, 0xff)); // before recording: not kept
    await until(() => audio.length === 1);
    session.startRecording();
    const base = 65530; // sequence numbers wrap during the recording
    const order = [0, 1, 3, 2, 2, 4, 5, 7, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19]; // frame 8 lost
    for (const i of order) {
      await phone.send(to, {
        payloadType: 0,
        sequence: (base + i) & 0xffff,
        timestamp: 1000 + i * 160,
        payload: Buffer.alloc(160, i + 1),
      });
    }
    await until(() => audio.length === 1 + order.length);
    const recording = session.stopRecording();
    expect(recording.law).toBe('ulaw');
    expect(recording.durationMs).toBe(400);
    const expected = Buffer.concat(
      Array.from({ length: 20 }, (_, i) => Buffer.alloc(160, i === 8 ? 0xff : i + 1)),
    );
    expect(recording.payload.equals(expected)).toBe(true);
    expect(audio.length).toBe(1 + order.length);
    const wav = readWav(g711Wav(recording.payload, recording.law));
    expect(wav).toMatchObject({ format: 7, sampleRate: 8000, channels: 1, bitsPerSample: 8 });
    expect(wav.data.equals(recording.payload)).toBe(true);
    expect(session.stopRecording()).toEqual({ law: 'ulaw', payload: Buffer.alloc(0), durationMs: 0 });
  });

  it('converts audio in the other law, survives close, ignores what is not its RTP', async () => {
    const { phone, session, to } = await setup({ law: 'alaw', payloadType: 8 });
    session.startRecording();
    const ulaw = encodeG711([0, 1000, -1000, 32000], 'ulaw');
    await phone.sendAudio(to, ulaw, 0);
    await phone.send(to, { payloadType: 96, payload: Buffer.alloc(10) }); // not negotiated
    await new Promise<void>((resolve) =>
      phone.socket.send(Buffer.from('not rtp'), to.port, to.address, () => resolve()),
    );
    await until(() => session.stats().packetsReceived + session.stats().packetsIgnored === 3);
    session.close();
    const recording = session.stopRecording();
    expect([...recording.payload]).toEqual([...ulaw].map((b) => ULAW_TO_ALAW[b]));
    expect(recording.payload[1]).toBe(linearToAlaw(988));
    expect(session.stats()).toMatchObject({ packetsReceived: 1, packetsIgnored: 2 });
    expect(session.stats().lastReceivedMs).not.toBeNull();
  });

  it('stops keeping audio past the longest recording', async () => {
    const { phone, session, to } = await setup({ maxRecordingMs: 40 });
    session.startRecording();
    await phone.sendAudio(to, numberedFrames(5));
    await until(() => session.stats().packetsReceived === 5);
    expect(session.stopRecording().durationMs).toBe(40);
  });
});
