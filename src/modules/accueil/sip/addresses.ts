// SIP URIs, name-addr values (From, To, Contact, Route), Via and CSeq (RFC 3261 §19, §20, §25).
import { randomBytes } from 'node:crypto';

/** Parameters in order; a flag parameter (`;lr`) has the value null. */
export type Params = Record<string, string | null>;

export type SipUri = {
  scheme: string;
  user: string | null;
  password: string | null;
  host: string;
  port: number | null;
  params: Params;
  headers: string | null;
};

export type NameAddr = { displayName: string | null; uri: SipUri; params: Params };

export type Via = { protocol: string; host: string; port: number | null; params: Params };

export type CSeq = { seq: number; method: string };

/** `;a=b;c;d="x y"` → { a: 'b', c: null, d: 'x y' } (quotes removed). */
export function parseParams(text: string): Params {
  const params: Params = {};
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) params[trimmed.toLowerCase()] = null;
    else {
      const value = trimmed.slice(eq + 1).trim();
      params[trimmed.slice(0, eq).trim().toLowerCase()] = value.replace(/^"(.*)"$/, '$1');
    }
  }
  return params;
}

export function formatParams(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => (v === null ? `;${k}` : `;${k}=${/[\s;,"<>]/.test(v) ? `"${v}"` : v}`))
    .join('');
}

function splitHostPort(text: string): { host: string; port: number | null } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d+))?$/.exec(text);
  if (!m) return null;
  return { host: m[1]!, port: m[2] ? Number(m[2]) : null };
}

/** `sip:user:pass@host:port;params?headers`, also `sips:` and `tel:+33...` (number as user). */
export function parseUri(text: string): SipUri | null {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(text.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!;
  let headers: string | null = null;
  const q = rest.indexOf('?');
  if (q >= 0) {
    headers = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (scheme === 'tel') {
    const semi = rest.indexOf(';');
    const params = semi >= 0 ? parseParams(rest.slice(semi)) : {};
    const user = semi >= 0 ? rest.slice(0, semi) : rest;
    return { scheme, user, password: null, host: '', port: null, params, headers };
  }
  // The user part may itself hold ';' (sip:alice;day=tuesday@host): parameters follow the host.
  let user: string | null = null;
  let password: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = userInfo.indexOf(':');
    user = colon >= 0 ? userInfo.slice(0, colon) : userInfo; // kept escaped, as received
    password = colon >= 0 ? userInfo.slice(colon + 1) : null;
  }
  const semi = rest.indexOf(';');
  const params = semi >= 0 ? parseParams(rest.slice(semi)) : {};
  if (semi >= 0) rest = rest.slice(0, semi);
  const hostPort = splitHostPort(rest);
  if (!hostPort?.host) return null;
  return { scheme, user, password, host: hostPort.host, port: hostPort.port, params, headers };
}

export function formatUri(uri: SipUri): string {
  if (uri.scheme === 'tel') return `tel:${uri.user ?? ''}${formatParams(uri.params)}`;
  const userInfo = uri.user === null ? '' : `${uri.user}${uri.password === null ? '' : `:${uri.password}`}@`;
  const port = uri.port === null ? '' : `:${uri.port}`;
  const headers = uri.headers === null ? '' : `?${uri.headers}`;
  return `${uri.scheme}:${userInfo}${uri.host}${port}${formatParams(uri.params)}${headers}`;
}

/**
 * `"Name" <sip:u@h>;tag=1`, `Name <sip:u@h>`, `<sip:u@h>` or a bare `sip:u@h;tag=1` (then the
 * parameters belong to the header, not to the URI: §20.10).
 */
export function parseNameAddr(text: string): NameAddr | null {
  const value = text.trim();
  const open = value.indexOf('<');
  if (open >= 0) {
    const close = value.indexOf('>', open);
    if (close < 0) return null;
    const uri = parseUri(value.slice(open + 1, close));
    if (!uri) return null;
    const name = value.slice(0, open).trim();
    const displayName = name ? name.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1') : null;
    return { displayName, uri, params: parseParams(value.slice(close + 1)) };
  }
  const semi = value.indexOf(';');
  const uri = parseUri(semi >= 0 ? value.slice(0, semi) : value);
  if (!uri) return null;
  return { displayName: null, uri, params: semi >= 0 ? parseParams(value.slice(semi)) : {} };
}

export function formatNameAddr(addr: NameAddr): string {
  const name = addr.displayName === null ? '' : `"${addr.displayName.replace(/(["\\])/g, '\\$1')}" `;
  return `${name}<${formatUri(addr.uri)}>${formatParams(addr.params)}`;
}

/** The tag parameter of a From or To value. */
export function tagOf(value: string | undefined): string | null {
  if (!value) return null;
  return parseNameAddr(value)?.params.tag ?? null;
}

/** `SIP/2.0/UDP host:port;branch=...;rport` */
export function parseVia(text: string): Via | null {
  const m = /^(SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z]+)\s+([^;\s]+)\s*(;.*)?$/i.exec(text.trim());
  if (!m) return null;
  const hostPort = splitHostPort(m[2]!);
  if (!hostPort) return null;
  return {
    protocol: m[1]!.replace(/\s+/g, '').toUpperCase(),
    host: hostPort.host,
    port: hostPort.port,
    params: parseParams(m[3] ?? ''),
  };
}

export function formatVia(via: Via): string {
  return `${via.protocol} ${via.host}${via.port === null ? '' : `:${via.port}`}${formatParams(via.params)}`;
}

export function parseCSeq(text: string | undefined): CSeq | null {
  const m = /^\s*(\d+)\s+([A-Za-z]+)\s*$/.exec(text ?? '');
  return m ? { seq: Number(m[1]), method: m[2]!.toUpperCase() } : null;
}

/** RFC 3261 §8.1.1.7: branches start with the magic cookie so that they are unique per transaction. */
export const branchCookie = 'z9hG4bK';

export function newBranch(): string {
  return `${branchCookie}${randomBytes(10).toString('hex')}`;
}

export function newTag(): string {
  return randomBytes(6).toString('hex');
}

export function newCallId(host: string): string {
  return `${randomBytes(12).toString('hex')}@${host}`;
}

/** A URI for the number or SIP address given (`+33612345678` → `sip:+33612345678@host`). */
export function targetUri(target: string, defaultHost: string): SipUri | null {
  if (/^(sips?|tel):/i.test(target)) return parseUri(target);
  return parseUri(`sip:${target.includes('@') ? target : `${target}@${defaultHost}`}`);
}
