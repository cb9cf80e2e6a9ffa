// SIP messages (RFC 3261 §7): parse from and serialize to UDP datagrams.
// Headers keep their order; names are canonical so lookups are case-insensitive.

export type Header = { name: string; value: string };

export type SipRequest = {
  kind: 'request';
  method: string;
  uri: string;
  headers: Header[];
  body: string;
};

export type SipResponse = {
  kind: 'response';
  status: number;
  reason: string;
  headers: Header[];
  body: string;
};

export type SipMessage = SipRequest | SipResponse;

export class SipParseError extends Error {}

// RFC 3261 §7.3.3 plus the compact forms of the extensions a trunk uses (REFER, events, timers).
const compactForms: Record<string, string> = {
  i: 'Call-ID',
  f: 'From',
  t: 'To',
  v: 'Via',
  m: 'Contact',
  l: 'Content-Length',
  c: 'Content-Type',
  e: 'Content-Encoding',
  k: 'Supported',
  s: 'Subject',
  o: 'Event',
  r: 'Refer-To',
  b: 'Referred-By',
  u: 'Allow-Events',
  x: 'Session-Expires',
};

const canonicalNames = new Map(
  [
    'Accept',
    'Allow',
    'Authorization',
    'Call-ID',
    'Contact',
    'Content-Length',
    'Content-Type',
    'CSeq',
    'Event',
    'Expires',
    'From',
    'Max-Forwards',
    'Proxy-Authenticate',
    'Proxy-Authorization',
    'Record-Route',
    'Refer-To',
    'Referred-By',
    'Require',
    'Route',
    'Server',
    'Subscription-State',
    'Supported',
    'To',
    'Unsupported',
    'User-Agent',
    'Via',
    'WWW-Authenticate',
    'Min-SE',
    'RAck',
    'RSeq',
    ...Object.values(compactForms),
  ].map((n) => [n.toLowerCase(), n]),
);

/** The canonical spelling of a header name (compact forms expanded, known names re-cased). */
export function canonicalHeaderName(name: string): string {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  // Other names get one spelling too (x-custom → X-Custom) so that lookups ignore case.
  return (
    compactForms[lower] ??
    canonicalNames.get(lower) ??
    lower.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase())
  );
}

// These headers may carry several comma-separated values on one line (§7.3.1); each value gets
// its own entry so that "the top Via" or "the route set" is just a list index.
const listHeaders = new Set(['via', 'contact', 'route', 'record-route']);

/** Split on commas that are outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

function headerEnd(data: Buffer): { end: number; separator: number } | null {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, separator: 4 };
  if (lf >= 0) return { end: lf, separator: 2 };
  return null;
}

/** Parse one datagram. Throws SipParseError on anything that is not a SIP message. */
export function parseMessage(input: Buffer | string): SipMessage {
  const data = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const split = headerEnd(data);
  const head = data.subarray(0, split ? split.end : data.length).toString('utf8');
  const rest = split ? data.subarray(split.end + split.separator) : Buffer.alloc(0);

  // Unfold continuation lines (§7.3.1: a line starting with whitespace continues the previous one).
  const lines: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
    else if (line.length > 0 || lines.length > 0) lines.push(line);
  }
  const startLine = lines.shift();
  if (!startLine) throw new SipParseError('empty message');

  const headers: Header[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`malformed header line: ${line}`);
    const name = canonicalHeaderName(line.slice(0, colon));
    const value = line.slice(colon + 1).trim();
    if (listHeaders.has(name.toLowerCase())) {
      for (const part of splitList(value)) headers.push({ name, value: part });
    } else headers.push({ name, value });
  }

  const lengthHeader = headers.find((h) => h.name === 'Content-Length');
  let bodyBytes = rest;
  if (lengthHeader) {
    const length = Number.parseInt(lengthHeader.value, 10);
    if (!Number.isFinite(length) || length < 0) throw new SipParseError('bad Content-Length');
    if (length > rest.length) throw new SipParseError('body shorter than Content-Length');
    bodyBytes = rest.subarray(0, length);
  }
  const body = bodyBytes.toString('utf8');

  const response = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/i.exec(startLine);
  if (response) {
    return { kind: 'response', status: Number(response[1]), reason: response[2] ?? '', headers, body };
  }
  const request = /^([A-Za-z]+)\s+(\S+)\s+SIP\/2\.0$/i.exec(startLine.trim());
  if (request) {
    return { kind: 'request', method: request[1]!.toUpperCase(), uri: request[2]!, headers, body };
  }
  throw new SipParseError(`not a SIP start line: ${startLine}`);
}

/** Serialize with a Content-Length computed from the body (any given one is replaced). */
export function serializeMessage(message: SipMessage): Buffer {
  const startLine =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [startLine];
  for (const h of message.headers) {
    if (h.name !== 'Content-Length') lines.push(`${h.name}: ${h.value}`);
  }
  const body = Buffer.from(message.body, 'utf8');
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

/** The first value of a header, or undefined. */
export function getHeader(message: SipMessage, name: string): string | undefined {
  const wanted = canonicalHeaderName(name);
  return message.headers.find((h) => h.name === wanted)?.value;
}

/** Every value of a header, in order (list headers already split one value per entry). */
export function getHeaders(message: SipMessage, name: string): string[] {
  const wanted = canonicalHeaderName(name);
  return message.headers.filter((h) => h.name === wanted).map((h) => h.value);
}

/** Replace every occurrence of a header by one value (at the first occurrence's place). */
export function setHeader(message: SipMessage, name: string, value: string): void {
  const wanted = canonicalHeaderName(name);
  const index = message.headers.findIndex((h) => h.name === wanted);
  const others = message.headers.filter((h) => h.name !== wanted);
  if (index < 0) others.push({ name: wanted, value });
  else others.splice(Math.min(index, others.length), 0, { name: wanted, value });
  message.headers = others;
}

export function removeHeader(message: SipMessage, name: string): void {
  const wanted = canonicalHeaderName(name);
  message.headers = message.headers.filter((h) => h.name !== wanted);
}

/** The first line, for logs. */
export function describe(message: SipMessage): string {
  const cseq = getHeader(message, 'CSeq') ?? '';
  return message.kind === 'request'
    ? `${message.method} ${message.uri} (${cseq})`
    : `${message.status} ${message.reason} (${cseq})`;
}

export const reasonPhrases: Record<number, string> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  420: 'Bad Extension',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  482: 'Loop Detected',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  603: 'Decline',
};

/**
 * A response to a request (§8.2.6): Via, From, To, Call-ID and CSeq copied, the To tag added when
 * given and absent. Record-Route is copied for responses that establish a dialog (§12.1.1).
 */
export function buildResponse(
  request: SipRequest,
  status: number,
  reason: string = reasonPhrases[status] ?? '',
  options: { toTag?: string; headers?: Header[]; body?: string } = {},
): SipResponse {
  const copied = ['Via', 'Record-Route', 'From', 'To', 'Call-ID', 'CSeq'];
  const headers: Header[] = [];
  for (const name of copied) {
    if (name === 'Record-Route' && (status === 100 || status >= 300 || request.method !== 'INVITE')) continue;
    for (const h of request.headers) {
      if (h.name !== name) continue;
      const tagged = name === 'To' && options.toTag && !/;\s*tag=/i.test(h.value);
      headers.push({ name, value: tagged ? `${h.value};tag=${options.toTag}` : h.value });
    }
  }
  headers.push(...(options.headers ?? []));
  return { kind: 'response', status, reason, headers, body: options.body ?? '' };
}
