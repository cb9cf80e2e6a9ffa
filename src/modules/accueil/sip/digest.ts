// HTTP digest authentication as SIP uses it (RFC 2617, RFC 7616 algorithms; RFC 3261 §22).
import { createHash, randomBytes } from 'node:crypto';

export type DigestChallenge = {
  realm: string;
  nonce: string;
  opaque: string | null;
  algorithm: string;
  /** The qop options offered; empty for the RFC 2069 form without qop. */
  qop: string[];
  stale: boolean;
};

export type DigestCredentials = { username: string; password: string };

const hashes: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256' };

/** Whether the algorithm (with or without "-sess") is one we can compute. */
function supported(algorithm: string): boolean {
  return algorithm.replace(/-sess$/i, '').toUpperCase() in hashes;
}

/** `key=value, key="quoted, value"` pairs of an auth header after its scheme. */
export function parseAuthParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  const pattern = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const m of text.matchAll(pattern)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return params;
}

/** A WWW-Authenticate / Proxy-Authenticate value, or null when not a digest challenge we support. */
export function parseChallenge(header: string): DigestChallenge | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m) return null;
  const p = parseAuthParams(m[1]!);
  if (p.realm === undefined || !p.nonce) return null;
  const algorithm = p.algorithm ?? 'MD5';
  if (!supported(algorithm)) return null;
  return {
    realm: p.realm,
    nonce: p.nonce,
    opaque: p.opaque ?? null,
    algorithm,
    qop: (p.qop ?? '')
      .split(',')
      .map((q) => q.trim().toLowerCase())
      .filter(Boolean),
    stale: (p.stale ?? '').toLowerCase() === 'true',
  };
}

/** The strongest supported challenge among several headers (RFC 7616 §3.7: SHA-256 before MD5). */
export function chooseChallenge(headers: string[]): DigestChallenge | null {
  const challenges = headers.map(parseChallenge).filter((c): c is DigestChallenge => c !== null);
  return challenges.find((c) => c.algorithm.toUpperCase().startsWith('SHA-256')) ?? challenges[0] ?? null;
}

function hash(algorithm: string, text: string): string {
  const name = hashes[algorithm.replace(/-sess$/i, '').toUpperCase()] ?? 'md5';
  return createHash(name).update(text, 'utf8').digest('hex');
}

export type DigestInput = {
  algorithm: string;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  /** 'auth' or omitted for the form without qop. */
  qop?: 'auth';
  /** Eight hex digits, e.g. 00000001 (with qop). */
  nc?: string;
  cnonce?: string;
};

/** The `response` value: KD(H(A1), nonce[:nc:cnonce:qop]:H(A2)). */
export function digestResponse(input: DigestInput): string {
  const { algorithm, nonce } = input;
  let ha1 = hash(algorithm, `${input.username}:${input.realm}:${input.password}`);
  if (/-sess$/i.test(algorithm)) ha1 = hash(algorithm, `${ha1}:${nonce}:${input.cnonce ?? ''}`);
  const ha2 = hash(algorithm, `${input.method}:${input.uri}`);
  if (input.qop) {
    return hash(algorithm, `${ha1}:${nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${input.qop}:${ha2}`);
  }
  return hash(algorithm, `${ha1}:${nonce}:${ha2}`);
}

/**
 * The Authorization / Proxy-Authorization value answering a challenge. `nc` counts the requests
 * made with this nonce (starting at 1), which lets a registrar detect replays.
 */
export function authorizationHeader(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  nc: number,
  cnonce: string = randomBytes(8).toString('hex'),
): string {
  const qop = challenge.qop.includes('auth') ? ('auth' as const) : undefined;
  const ncText = nc.toString(16).padStart(8, '0');
  const response = digestResponse({
    algorithm: challenge.algorithm,
    username: credentials.username,
    password: credentials.password,
    realm: challenge.realm,
    nonce: challenge.nonce,
    method,
    uri,
    ...(qop ? { qop, nc: ncText, cnonce } : {}),
  });
  const parts = [
    `username="${credentials.username}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${uri}"`,
    `response="${response}"`,
    `algorithm=${challenge.algorithm}`,
  ];
  if (qop) parts.push(`qop=${qop}`, `nc=${ncText}`, `cnonce="${cnonce}"`);
  if (challenge.opaque !== null) parts.push(`opaque="${challenge.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}
