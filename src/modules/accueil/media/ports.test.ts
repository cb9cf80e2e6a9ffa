import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { NoRtpPortError, openRtpPort, type RtpPort, rtpPortsInUse } from './ports.ts';

const host = '127.0.0.1';
const opened: RtpPort[] = [];
const foreign: Socket[] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
  for (const s of foreign.splice(0)) s.close();
});

async function open(min: number, max: number) {
  const port = await openRtpPort(host, { min, max });
  opened.push(port);
  return port;
}

function occupy(port: number): Promise<void> {
  const socket = createSocket('udp4');
  foreign.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => resolve());
  });
}

describe('openRtpPort', () => {
  it('hands out distinct even ports of the range and takes them back on close', async () => {
    const before = rtpPortsInUse();
    const ports = await Promise.all([open(41001, 41011), open(41001, 41011), open(41001, 41011)]);
    const numbers = ports.map((p) => p.port);
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) {
      expect(n % 2).toBe(0);
      expect(n).toBeGreaterThanOrEqual(41002);
      expect(n).toBeLessThanOrEqual(41010);
    }
    expect(rtpPortsInUse()).toBe(before + 3);
    ports[0]!.close();
    ports[0]!.close(); // idempotent
    expect(rtpPortsInUse()).toBe(before + 2);
  });

  it('rotates through the range instead of reusing the port just released', async () => {
    const first = await open(41020, 41026);
    first.close();
    const second = await open(41020, 41026);
    expect(second.port).not.toBe(first.port);
  });

  it('skips a port another program holds, and says so when none is left', async () => {
    await occupy(41040);
    const port = await open(41040, 41042);
    expect(port.port).toBe(41042);
    await expect(openRtpPort(host, { min: 41040, max: 41042 })).rejects.toBeInstanceOf(NoRtpPortError);
    await expect(openRtpPort(host, { min: 41051, max: 41051 })).rejects.toBeInstanceOf(NoRtpPortError);
  });

  it('receives on the bound socket', async () => {
    const port = await open(41060, 41070);
    const received = new Promise<string>((resolve) =>
      port.socket.once('message', (m) => resolve(m.toString())),
    );
    const sender = createSocket('udp4');
    sender.send('hello', port.port, host, () => sender.close());
    expect(await received).toBe('hello');
  });
});
