import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  chooseChallenge,
  digestResponse,
  parseAuthParams,
  parseChallenge,
} from './digest.ts';

describe('digestResponse', () => {
  it('computes RFC 2617 §3.5 (MD5, qop=auth)', () => {
    expect(
      digestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        password: 'Circle Of Life',
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        method: 'GET',
        uri: '/dir/index.html',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('computes RFC 2069 (no qop)', () => {
    expect(
      digestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        password: 'CircleOfLife',
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        method: 'GET',
        uri: '/dir/index.html',
      }),
    ).toBe('1949323746fe6a43ef61f9606e7febea');
  });

  // RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ])('computes RFC 7616 with %s', (algorithm, expected) => {
    expect(
      digestResponse({
        algorithm,
        username: 'Mufasa',
        password: 'Circle of Life',
        realm: 'http-auth@example.org',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        method: 'GET',
        uri: '/dir/index.html',
        qop: 'auth',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      }),
    ).toBe(expected);
  });
});

describe('challenges', () => {
  it('parses a SIP challenge with quoted commas and flags', () => {
    expect(
      parseChallenge(
        'Digest realm="sip.operateur.fr", nonce="a,b", qop="auth,auth-int", opaque="xyz", algorithm=MD5, stale=TRUE',
      ),
    ).toEqual({
      realm: 'sip.operateur.fr',
      nonce: 'a,b',
      opaque: 'xyz',
      algorithm: 'MD5',
      qop: ['auth', 'auth-int'],
      stale: true,
    });
  });

  it.each([
    ['Basic realm="x"'],
    ['Digest realm="x"'],
    ['Digest realm="x", nonce="n", algorithm=SHA-512-256'],
  ])('ignores %s', (header) => {
    expect(parseChallenge(header)).toBeNull();
  });

  it('prefers SHA-256 to MD5 when offered both', () => {
    const chosen = chooseChallenge([
      'Digest realm="r", nonce="1", algorithm=MD5',
      'Digest realm="r", nonce="2", algorithm=SHA-256',
    ]);
    expect(chosen?.algorithm).toBe('SHA-256');
  });

  it('answers a challenge with an Authorization a server can check', () => {
    const challenge = parseChallenge('Digest realm="r", nonce="n1", qop="auth", opaque="op"')!;
    const header = authorizationHeader(
      challenge,
      { username: 'u', password: 'p' },
      'REGISTER',
      'sip:r',
      3,
      'c0ffee',
    );
    expect(header.startsWith('Digest ')).toBe(true);
    const p = parseAuthParams(header.slice(7));
    expect(p).toMatchObject({
      username: 'u',
      realm: 'r',
      nonce: 'n1',
      uri: 'sip:r',
      qop: 'auth',
      nc: '00000003',
      cnonce: 'c0ffee',
      opaque: 'op',
    });
    expect(p.response).toBe(
      digestResponse({
        algorithm: 'MD5',
        username: 'u',
        password: 'p',
        realm: 'r',
        nonce: 'n1',
        method: 'REGISTER',
        uri: 'sip:r',
        qop: 'auth',
        nc: '00000003',
        cnonce: 'c0ffee',
      }),
    );
    const withoutQop = authorizationHeader(
      parseChallenge('Digest realm="r", nonce="n1"')!,
      { username: 'u', password: 'p' },
      'INVITE',
      'sip:x',
      1,
    );
    expect(withoutQop).not.toMatch(/qop|cnonce|nc=/);
  });
});
