// SIPp's built-in `uac` scenario (INVITE, 100/180 optional, 200, ACK, pause, BYE, 200) against the
// user agent on loopback. SIPp gets its own address (127.0.0.2): see the telephony notes.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEndReason } from './dialog/call.ts';
import { testSdp } from './testing.ts';
import { startUserAgent, type UserAgent } from './user-agent.ts';

const sipp = ['/usr/bin/sipp', '/usr/local/bin/sipp'].find((path) => existsSync(path));

async function freePort(host: string): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 25_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

let ua: UserAgent | null = null;
let workDir: string | null = null;

afterEach(async () => {
  await ua?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  ua = null;
  workDir = null;
});

describe.skipIf(!sipp)('SIPp built-in uac scenario', () => {
  it('is answered automatically and hung up by its BYE; SIPp exits 0', async () => {
    ua = await startUserAgent({ host: '127.0.0.1', port: 0, userAgent: 'Tremplin' });
    const ended: CallEndReason[] = [];
    ua.on('invite', (call) => {
      call.on('ended', (reason) => ended.push(reason));
      call.ring();
      call.answer(testSdp('127.0.0.1', 20000));
    });
    workDir = await mkdtemp(join(tmpdir(), 'sipp-uac-'));
    const { code, output } = await run(
      sipp!,
      [
        '-sn',
        'uac',
        `127.0.0.1:${ua.address.port}`,
        '-i',
        '127.0.0.2',
        '-p',
        String(await freePort('127.0.0.2')),
        '-mi',
        '127.0.0.2',
        '-mp',
        String(await freePort('127.0.0.2')),
        '-m',
        '1',
        '-l',
        '1',
        '-d',
        '200',
        '-nostdin',
        '-timeout',
        '20s',
        '-timeout_error',
        '-trace_err',
      ],
      workDir,
    );
    expect(code, output).toBe(0);
    expect(ended).toEqual(['bye']);
    expect(ua.activeCalls).toBe(0);
  });
});
