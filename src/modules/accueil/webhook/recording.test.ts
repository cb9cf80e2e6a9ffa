import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { g711Wav } from '../media/wav.ts';
import { fetchRecording, isWav, wavAddress } from './recording.ts';

const WAV = g711Wav(Buffer.alloc(800, 0xff), 'ulaw');

let server: Server;
let base: string;
let handler: (request: IncomingMessage, response: ServerResponse) => void;
let seen: { path: string; authorization: string | undefined }[];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', authorization: request.headers.authorization });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const fast = { retryDelaysMs: [5, 5], timeoutMs: 1000 };

describe('fetching a recording', () => {
  it('asks for the WAV of the recording', () => {
    expect(wavAddress('https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1')?.toString()).toBe(
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.wav',
    );
    expect(wavAddress('https://x.fr/r/RE1.wav?sig=1')?.toString()).toBe('https://x.fr/r/RE1.wav?sig=1');
    expect(wavAddress('https://x.fr/r/RE1.mp3')?.toString()).toBe('https://x.fr/r/RE1.wav');
    expect(wavAddress('file:///etc/passwd')).toBeNull();
    expect(wavAddress('pas une adresse')).toBeNull();
  });

  it('downloads it without credentials when none are asked for', async () => {
    handler = (_q, r) => r.writeHead(200, { 'content-type': 'audio/x-wav' }).end(WAV);
    const result = await fetchRecording(`${base}/Recordings/RE1`, {
      ...fast,
      credentials: { username: 'AC1', password: 'secret' },
    });
    expect(result).toEqual({ ok: true, wav: WAV });
    expect(seen).toEqual([{ path: '/Recordings/RE1.wav', authorization: undefined }]);
  });

  it('answers a Basic challenge with the credentials', async () => {
    handler = (q, r) => {
      if (q.headers.authorization === `Basic ${Buffer.from('AC1:secret').toString('base64')}`) r.end(WAV);
      else r.writeHead(401, { 'www-authenticate': 'Basic realm="Twilio API"' }).end();
    };
    const result = await fetchRecording(`${base}/Recordings/RE2`, {
      ...fast,
      credentials: { username: 'AC1', password: 'secret' },
    });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('tries again while the recording is not there yet', async () => {
    let calls = 0;
    handler = (_q, r) => {
      calls += 1;
      if (calls < 3) r.writeHead(404).end();
      else r.end(WAV);
    };
    expect((await fetchRecording(`${base}/Recordings/RE3`, fast)).ok).toBe(true);
    expect(calls).toBe(3);
  });

  it('gives up on a refusal, a body that is no WAV, or one too large', async () => {
    handler = (_q, r) => r.writeHead(403).end();
    expect(await fetchRecording(`${base}/a`, fast)).toEqual({ ok: false, reason: 'HTTP 403' });
    expect(seen).toHaveLength(1);
    handler = (_q, r) => r.end('<html>pas un son</html>');
    expect(await fetchRecording(`${base}/b`, fast)).toMatchObject({ ok: false });
    handler = (_q, r) => r.end(WAV);
    expect(await fetchRecording(`${base}/c`, { ...fast, maxBytes: 100 })).toMatchObject({ ok: false });
    handler = (_q, r) => r.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
    expect(await fetchRecording(`${base}/d`, fast)).toEqual({ ok: false, reason: 'HTTP 401' });
  });

  it('gives up after three tries of a server in trouble', async () => {
    handler = (_q, r) => r.writeHead(503).end();
    expect(await fetchRecording(`${base}/e`, fast)).toEqual({ ok: false, reason: 'HTTP 503' });
    expect(seen).toHaveLength(3);
  });

  it('recognises a WAV', () => {
    expect(isWav(WAV)).toBe(true);
    expect(isWav(Buffer.from('RIFF....AVI '))).toBe(false);
  });
});
