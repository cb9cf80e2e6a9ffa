import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNameAddr } from './addresses.ts';
import { digestResponse, parseAuthParams } from './digest.ts';
import { getHeader, type Header, type SipMessage, type SipRequest, type SipResponse } from './message.ts';
import type { RegistrationFailure } from './register.ts';
import { eventually, fastTimers, RawPeer } from './testing.ts';
import { startUserAgent, type UserAgent } from './user-agent.ts';

let ua: UserAgent;
let registrar: RawPeer;

beforeEach(async () => {
  ua = await startUserAgent({ host: '127.0.0.1', port: 0, timers: fastTimers, publicAddress: '127.0.0.1' });
  registrar = await RawPeer.open('127.0.0.2');
});

afterEach(async () => {
  await ua.stop();
  await registrar.close();
});

const registrarUri = () => `sip:127.0.0.2:${registrar.address.port}`;
/** The REGISTERs received, retransmissions (same CSeq) left out. */
const registers = () => {
  const seen = new Set<string>();
  return registrar.received
    .map((r) => r.message)
    .filter((m): m is SipRequest => m.kind === 'request')
    .filter((m) => {
      const cseq = getHeader(m, 'CSeq') ?? '';
      if (seen.has(cseq)) return false;
      seen.add(cseq);
      return true;
    });
};

function reply(request: SipRequest, status: number, reason: string, headers: Header[] = []): SipResponse {
  const copied = request.headers.filter((h) => ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(h.name));
  return { kind: 'response', status, reason, headers: [...copied, ...headers], body: '' };
}

/**
 * A registrar that challenges, checks the digest, grants `granted` seconds, and after each success
 * retires its nonce (so that the next refresh first meets a stale nonce).
 */
function serveRegistrar(options: { password: string; granted: number; minExpires?: number }) {
  let nonce = 'nonce-1';
  let serial = 1;
  registrar.handler = (message: SipMessage, from) => {
    if (message.kind !== 'request' || message.method !== 'REGISTER') return;
    const send = (status: number, reason: string, headers: Header[] = []) =>
      registrar.send(reply(message, status, reason, headers), from);
    const expires = Number(getHeader(message, 'Expires'));
    if (options.minExpires && expires > 0 && expires < options.minExpires) {
      send(423, 'Interval Too Brief', [{ name: 'Min-Expires', value: String(options.minExpires) }]);
      return;
    }
    const authorization = getHeader(message, 'Authorization');
    const challenge = (stale: boolean) =>
      send(401, 'Unauthorized', [
        {
          name: 'WWW-Authenticate',
          value: `Digest realm="tremplin.test", nonce="${nonce}", qop="auth", algorithm=MD5${stale ? ', stale=true' : ''}`,
        },
      ]);
    if (!authorization) return challenge(false);
    const p = parseAuthParams(authorization.replace(/^Digest\s+/, ''));
    if (p.nonce !== nonce) return challenge(true);
    const expected = digestResponse({
      algorithm: 'MD5',
      username: p.username!,
      password: options.password,
      realm: 'tremplin.test',
      nonce,
      method: 'REGISTER',
      uri: p.uri!,
      qop: 'auth',
      nc: p.nc!,
      cnonce: p.cnonce!,
    });
    if (p.response !== expected) return send(403, 'Forbidden');
    const contact = parseNameAddr(getHeader(message, 'Contact')!)!;
    send(
      200,
      'OK',
      expires === 0
        ? []
        : [
            {
              name: 'Contact',
              value: `<sip:${contact.uri.user}@${contact.uri.host}:${contact.uri.port}>;expires=${options.granted}`,
            },
          ],
    );
    serial += 1;
    nonce = `nonce-${serial}`;
  };
}

describe('REGISTER with digest authentication', () => {
  it('answers the 401, refreshes at 90 % of the granted expiry through a stale nonce, unregisters on stop', async () => {
    serveRegistrar({ password: 's3cret', granted: 1 });
    const registered: number[] = [];
    ua.on('registered', (info) => registered.push(info.expires));
    const started = Date.now();
    const registration = ua.register({
      registrar: registrarUri(),
      username: 'accueil',
      password: 's3cret',
      expires: 600,
    });
    await eventually(() => registered.length >= 2, 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(850);
    expect(registered.slice(0, 2)).toEqual([1, 1]);
    expect(registration.state).toBe('registered');

    const [first, second, third, fourth] = registers();
    expect(getHeader(first!, 'Authorization')).toBeUndefined();
    expect(getHeader(first!, 'Expires')).toBe('600');
    expect(getHeader(first!, 'To')).toBe(`<sip:accueil@127.0.0.2>`);
    expect(getHeader(first!, 'Contact')).toBe(`<sip:accueil@127.0.0.1:${ua.address.port}>`);
    expect(first!.uri).toBe(registrarUri());
    expect(getHeader(second!, 'CSeq')).toBe('2 REGISTER');
    expect(getHeader(second!, 'Authorization')).toMatch(/nonce="nonce-1".*nc=00000001/);
    // The refresh reuses the last challenge (nonce-1, now retired) and gets a stale 401…
    expect(getHeader(third!, 'Authorization')).toMatch(/nonce="nonce-1".*nc=00000002/);
    // …then answers the fresh one.
    expect(getHeader(fourth!, 'Authorization')).toMatch(/nonce="nonce-2".*nc=00000001/);
    for (const r of registers()) expect(getHeader(r, 'Call-ID')).toBe(getHeader(first!, 'Call-ID'));

    const before = registers().length;
    await ua.stop();
    const last = registers().at(-1)!;
    expect(registers().length).toBeGreaterThan(before);
    expect(getHeader(last, 'Expires')).toBe('0');
    expect(registration.state).toBe('stopped');
  });

  it('fails on a wrong password and retries with backoff', async () => {
    serveRegistrar({ password: 'right', granted: 60 });
    const failures: RegistrationFailure[] = [];
    ua.on('registration-failed', (f) => failures.push(f));
    ua.register({
      registrar: registrarUri(),
      username: 'accueil',
      password: 'wrong',
      retryMs: 100,
      maxRetryMs: 250,
    });
    await eventually(() => failures.length >= 3, 5000);
    expect(failures.map((f) => [f.status, f.retryInMs])).toEqual([
      [403, 100],
      [403, 200],
      [403, 250],
    ]);
  });

  it('asks again with Min-Expires after 423', async () => {
    serveRegistrar({ password: 'p', granted: 120, minExpires: 120 });
    const registration = ua.register({
      registrar: registrarUri(),
      username: 'u',
      password: 'p',
      expires: 60,
    });
    const info = await new Promise<{ expires: number }>((resolve) =>
      registration.once('registered', resolve),
    );
    expect(info.expires).toBe(120);
    expect(registers().map((r) => getHeader(r, 'Expires'))).toEqual(['60', '120', '120']);
  });

  it('reports a silent registrar after timer F', async () => {
    const failure = await new Promise<RegistrationFailure>((resolve) => {
      ua.once('registration-failed', resolve);
      ua.register({ registrar: registrarUri(), username: 'u', password: 'p', retryMs: 60_000 });
    });
    expect(failure).toMatchObject({ status: null, reason: 'no response', retryInMs: 60_000 });
    expect(registrar.received.length).toBeGreaterThan(5); // timer E retransmissions
  });
});
