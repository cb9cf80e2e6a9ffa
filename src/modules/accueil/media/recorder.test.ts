import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder.ts';
import { RelayBuffer } from './relay-buffer.ts';

const frame = (byte: number, bytes = 160) => Buffer.alloc(bytes, byte);

describe('Recorder', () => {
  it('orders by sequence across wrap-around, drops duplicates, fills short losses', () => {
    const r = new Recorder('alaw', 1e6);
    for (const seq of [65534, 0, 65535, 0, 3, 2]) r.add({ ssrc: 1, sequence: seq }, frame((seq + 10) & 0xff));
    const { payload, durationMs, law } = r.finish();
    expect(law).toBe('alaw');
    expect(durationMs).toBe(6 * 20);
    // 65534, 65535, 0, (1 lost: A-law silence), 2, 3
    expect([...payload].filter((_, i) => i % 160 === 0)).toEqual([8, 9, 10, 0xd5, 12, 13]);
  });

  it('continues after a new source and ignores strays from long before', () => {
    const r = new Recorder('ulaw', 1e6);
    r.add({ ssrc: 1, sequence: 100 }, frame(1));
    r.add({ ssrc: 1, sequence: 101 }, frame(2));
    r.add({ ssrc: 1, sequence: 10 }, frame(9)); // 91 packets old: a stray
    r.add({ ssrc: 2, sequence: 5000 }, frame(3));
    r.add({ ssrc: 2, sequence: 5001 }, frame(4));
    expect([...r.finish().payload].filter((_, i) => i % 160 === 0)).toEqual([1, 2, 3, 4]);
  });

  it('does not fill a gap that is a restart, and stops at its limit', () => {
    const r = new Recorder('ulaw', 480);
    r.add({ ssrc: 1, sequence: 0 }, frame(1));
    r.add({ ssrc: 1, sequence: 1000 }, frame(2));
    r.add({ ssrc: 1, sequence: 1001 }, frame(3));
    r.add({ ssrc: 1, sequence: 1002 }, frame(4));
    expect(r.finish().durationMs).toBe(60);
  });
});

describe('RelayBuffer', () => {
  it('hands out 160-byte frames whatever size arrives, null when empty', () => {
    const b = new RelayBuffer();
    expect(b.take()).toBeNull();
    b.push(frame(1, 240)); // a 30 ms packet
    b.push(frame(2, 240));
    expect([...b.take()!]).toEqual([...frame(1, 160)]);
    expect([...b.take()!]).toEqual([...frame(1, 80), ...frame(2, 80)]);
    expect([...b.take()!]).toEqual([...frame(2, 160)]);
    expect(b.take()).toBeNull();
  });

  it('drops the oldest audio of a burst beyond 200 ms and sheds a lasting delay', () => {
    const b = new RelayBuffer();
    for (let i = 0; i < 15; i++) b.push(frame(i));
    expect(b.bytes).toBe(1600);
    expect(b.take()![0]).toBe(5);
    // Holding 5 frames for 50 slots (input keeps pace with output): one frame is shed.
    b.clear();
    for (let i = 0; i < 5; i++) b.push(frame(0));
    let taken = 0;
    for (let slot = 0; slot < 60; slot++) {
      b.push(frame(0));
      if (b.take()) taken++;
    }
    expect(taken).toBe(60);
    expect(b.bytes).toBe(4 * 160);
  });
});
