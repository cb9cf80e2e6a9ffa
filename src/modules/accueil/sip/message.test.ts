import { describe, expect, it } from 'vitest';
import {
  buildResponse,
  canonicalHeaderName,
  getHeader,
  getHeaders,
  parseMessage,
  removeHeader,
  SipParseError,
  type SipRequest,
  serializeMessage,
  setHeader,
  splitList,
} from './message.ts';

const crlf = (lines: string[]) => lines.join('\r\n');

// An INVITE as an operator trunk sends it: compact headers, two Vias on one line and one on another,
// lower-case names, a folded Subject, and bytes after the body that Content-Length excludes.
const sdp = crlf([
  'v=0',
  'o=- 3867 3867 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 16384 RTP/AVP 8 0 101',
  'a=rtpmap:101 telephone-event/8000',
  '',
]);
const trunkInvite = `${crlf([
  'INVITE sip:+33494000000@203.0.113.5:5060;user=phone SIP/2.0',
  'v: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-trunk-1, SIP/2.0/UDP 10.1.1.1;branch=z9hG4bK-inner;received=10.1.1.9',
  'Via: SIP/2.0/UDP 10.2.2.2:5080;branch=z9hG4bK-edge',
  'f: "Jean Dupont" <sip:+33612345678@192.0.2.10;user=phone>;tag=as58f4201b',
  't: <sip:+33494000000@203.0.113.5>',
  'i: 3848276298220188511@192.0.2.10',
  'CSeq: 102 INVITE',
  'm: <sip:+33612345678@192.0.2.10:5060>',
  'max-forwards: 69',
  'Record-Route: <sip:192.0.2.10;lr>, <sip:198.51.100.1;lr;ftag=x>',
  'Subject: appel',
  '  entrant',
  'c: application/sdp',
  `l: ${Buffer.byteLength(sdp)}`,
  '',
  '',
])}${sdp}garbage-after-body`;

describe('parseMessage', () => {
  it('reads a trunk INVITE with compact forms, several Vias, a folded value and a bounded body', () => {
    const message = parseMessage(trunkInvite) as SipRequest;
    expect(message.kind).toBe('request');
    expect(message.method).toBe('INVITE');
    expect(message.uri).toBe('sip:+33494000000@203.0.113.5:5060;user=phone');
    expect(getHeaders(message, 'Via')).toEqual([
      'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-trunk-1',
      'SIP/2.0/UDP 10.1.1.1;branch=z9hG4bK-inner;received=10.1.1.9',
      'SIP/2.0/UDP 10.2.2.2:5080;branch=z9hG4bK-edge',
    ]);
    expect(getHeader(message, 'from')).toBe(
      '"Jean Dupont" <sip:+33612345678@192.0.2.10;user=phone>;tag=as58f4201b',
    );
    expect(getHeader(message, 'i')).toBe('3848276298220188511@192.0.2.10');
    expect(getHeader(message, 'CALL-ID')).toBe('3848276298220188511@192.0.2.10');
    expect(getHeader(message, 'Contact')).toBe('<sip:+33612345678@192.0.2.10:5060>');
    expect(getHeader(message, 'Max-Forwards')).toBe('69');
    expect(getHeaders(message, 'Record-Route')).toEqual([
      '<sip:192.0.2.10;lr>',
      '<sip:198.51.100.1;lr;ftag=x>',
    ]);
    expect(getHeader(message, 'Subject')).toBe('appel entrant');
    expect(getHeader(message, 'Content-Type')).toBe('application/sdp');
    expect(message.body).toBe(sdp);
  });

  it.each([
    {
      name: 'a response with LF line endings',
      text: 'SIP/2.0 180 Ringing\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\nCSeq: 1 INVITE\nContent-Length: 0\n\n',
      expected: { kind: 'response', status: 180, reason: 'Ringing', body: '' },
    },
    {
      name: 'a response whose reason has spaces',
      text: 'SIP/2.0 481 Call/Transaction Does Not Exist\r\nCSeq: 2 BYE\r\n\r\n',
      expected: { kind: 'response', status: 481, reason: 'Call/Transaction Does Not Exist', body: '' },
    },
    {
      name: 'a request without Content-Length (UDP: the body runs to the end)',
      text: 'NOTIFY sip:a@b SIP/2.0\r\nEvent: refer\r\nContent-Type: message/sipfrag\r\n\r\nSIP/2.0 200 OK',
      expected: { kind: 'request', method: 'NOTIFY', uri: 'sip:a@b', body: 'SIP/2.0 200 OK' },
    },
    {
      name: 'a lower-case method and extra spaces around header values',
      text: 'options sip:x@y SIP/2.0\r\nCall-ID:   abc  \r\n\r\n',
      expected: { kind: 'request', method: 'OPTIONS', uri: 'sip:x@y', body: '' },
    },
  ])('reads $name', ({ text, expected }) => {
    expect(parseMessage(text)).toMatchObject(expected);
  });

  it.each([
    ['an HTTP request', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a header line without colon', 'OPTIONS sip:x@y SIP/2.0\r\nnot a header\r\n\r\n'],
    ['a body shorter than Content-Length', 'OPTIONS sip:x@y SIP/2.0\r\nContent-Length: 10\r\n\r\nabc'],
    ['an empty datagram', ''],
  ])('refuses %s', (_name, text) => {
    expect(() => parseMessage(text)).toThrow(SipParseError);
  });
});

describe('serializeMessage', () => {
  it('writes CRLF lines and a Content-Length in bytes, replacing a stale one', () => {
    const message: SipRequest = {
      kind: 'request',
      method: 'MESSAGE',
      uri: 'sip:a@b',
      headers: [
        { name: 'Call-ID', value: 'x' },
        { name: 'Content-Length', value: '999' },
      ],
      body: 'été',
    };
    const text = serializeMessage(message).toString('utf8');
    expect(text).toBe('MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\nContent-Length: 5\r\n\r\nété');
  });

  it('round-trips a parsed message', () => {
    const once = parseMessage(trunkInvite);
    const twice = parseMessage(serializeMessage(once));
    expect(twice).toEqual({
      ...once,
      headers: once.headers.map((h) =>
        h.name === 'Content-Length' ? { name: h.name, value: String(Buffer.byteLength(sdp)) } : h,
      ),
    });
  });
});

describe('headers', () => {
  it.each([
    ['v', 'Via'],
    ['F', 'From'],
    ['l', 'Content-Length'],
    ['r', 'Refer-To'],
    ['cseq', 'CSeq'],
    ['www-authenticate', 'WWW-Authenticate'],
    ['x-custom', 'X-Custom'],
    ['P-ASSERTED-IDENTITY', 'P-Asserted-Identity'],
    ['min-se', 'Min-SE'],
  ])('%s is spelled %s', (name, canonical) => {
    expect(canonicalHeaderName(name)).toBe(canonical);
  });

  it('splits lists on commas outside quotes and brackets', () => {
    expect(splitList('"Doe, John" <sip:a@b>;q=1, <sip:c@d?x=1,2>')).toEqual([
      '"Doe, John" <sip:a@b>;q=1',
      '<sip:c@d?x=1,2>',
    ]);
  });

  it('sets and removes headers in place', () => {
    const message = parseMessage(
      'OPTIONS sip:x@y SIP/2.0\r\nX-A: 1\r\nExpires: 5\r\nX-B: 2\r\nexpires: 6\r\n\r\n',
    );
    setHeader(message, 'EXPIRES', '0');
    expect(message.headers.map((h) => `${h.name}=${h.value}`)).toEqual(['X-A=1', 'Expires=0', 'X-B=2']);
    removeHeader(message, 'x-a');
    expect(getHeaders(message, 'X-A')).toEqual([]);
  });
});

describe('buildResponse', () => {
  const invite = parseMessage(trunkInvite) as SipRequest;

  it('copies Vias, From, To, Call-ID, CSeq and Record-Route, and tags To', () => {
    const response = buildResponse(invite, 200, undefined, { toTag: 'abc' });
    expect(response.reason).toBe('OK');
    expect(getHeaders(response, 'Via')).toHaveLength(3);
    expect(getHeaders(response, 'Record-Route')).toHaveLength(2);
    expect(getHeader(response, 'To')).toBe('<sip:+33494000000@203.0.113.5>;tag=abc');
    expect(getHeader(response, 'CSeq')).toBe('102 INVITE');
  });

  it('keeps an existing To tag and leaves Record-Route out of a 100 and of errors', () => {
    const inDialog = parseMessage(
      'BYE sip:a@b SIP/2.0\r\nTo: <sip:a@b>;tag=old\r\nCSeq: 3 BYE\r\n\r\n',
    ) as SipRequest;
    expect(getHeader(buildResponse(inDialog, 200, undefined, { toTag: 'new' }), 'To')).toBe(
      '<sip:a@b>;tag=old',
    );
    expect(getHeaders(buildResponse(invite, 100), 'Record-Route')).toEqual([]);
    expect(getHeaders(buildResponse(invite, 486), 'Record-Route')).toEqual([]);
  });
});
