import { describe, expect, it } from 'vitest';
import {
  branchCookie,
  formatNameAddr,
  formatUri,
  formatVia,
  newBranch,
  parseCSeq,
  parseNameAddr,
  parseUri,
  parseVia,
  tagOf,
  targetUri,
} from './addresses.ts';
import { getHeaders, parseMessage, type SipRequest } from './message.ts';
import { responseDestination, stampReceived } from './transport.ts';

describe('parseUri', () => {
  // Mostly RFC 3261 §19.1.3's examples.
  it.each([
    ['sip:alice@atlanta.com', { scheme: 'sip', user: 'alice', host: 'atlanta.com', port: null, params: {} }],
    [
      'sip:alice:secretword@atlanta.com;transport=tcp',
      { user: 'alice', password: 'secretword', host: 'atlanta.com', params: { transport: 'tcp' } },
    ],
    [
      'sips:alice@atlanta.com?subject=project%20x&priority=urgent',
      { scheme: 'sips', host: 'atlanta.com', headers: 'subject=project%20x&priority=urgent' },
    ],
    [
      'sip:+1-212-555-1212:1234@gateway.com;user=phone',
      { user: '+1-212-555-1212', password: '1234', host: 'gateway.com', params: { user: 'phone' } },
    ],
    ['sip:alice;day=tuesday@atlanta.com', { user: 'alice;day=tuesday', host: 'atlanta.com', params: {} }],
    ['sip:atlanta.com;method=REGISTER', { user: null, host: 'atlanta.com', params: { method: 'REGISTER' } }],
    ['sip:192.0.2.4:5070;lr', { user: null, host: '192.0.2.4', port: 5070, params: { lr: null } }],
    ['sip:[2001:db8::10]:5070;transport=udp', { host: '[2001:db8::10]', port: 5070 }],
    ['SIP:Bob@Biloxi.com', { scheme: 'sip', user: 'Bob', host: 'Biloxi.com' }],
    ['tel:+33494000000;phone-context=x', { scheme: 'tel', user: '+33494000000', host: '' }],
  ])('%s', (text, expected) => {
    expect(parseUri(text)).toMatchObject(expected);
  });

  it.each(['', 'alice@atlanta.com', 'sip:', 'sip:alice@'])('refuses %j', (text) => {
    expect(parseUri(text)).toBeNull();
  });

  it.each([
    'sip:alice@atlanta.com',
    'sip:+33612345678@192.0.2.10:5060;user=phone',
    'sips:bob@biloxi.com?subject=x',
    'sip:192.0.2.4;lr',
  ])('formats %s back', (text) => {
    expect(formatUri(parseUri(text)!)).toBe(text);
  });
});

describe('parseNameAddr', () => {
  it.each([
    [
      '"Bob Smith" <sip:bob@biloxi.com>;tag=a6c85cf',
      { displayName: 'Bob Smith', uri: { user: 'bob', host: 'biloxi.com' }, params: { tag: 'a6c85cf' } },
    ],
    [
      'Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8',
      { displayName: 'Anonymous', uri: { user: 'c8oqz84zk7z' }, params: { tag: 'hyh8' } },
    ],
    [
      '<sip:+33612345678@10.0.0.1;user=phone>;tag=abc',
      { displayName: null, uri: { params: { user: 'phone' } }, params: { tag: 'abc' } },
    ],
    // Without angle brackets the parameters belong to the header (§20.10).
    [
      'sip:+12125551212@phone2net.com;tag=887s',
      { uri: { host: 'phone2net.com', params: {} }, params: { tag: '887s' } },
    ],
    ['"A \\"quoted\\" name" <sip:x@y>', { displayName: 'A "quoted" name' }],
    [
      '<sip:a@b>;expires=3600;+sip.instance="<urn:uuid:1>"',
      { params: { expires: '3600', '+sip.instance': '<urn:uuid:1>' } },
    ],
  ])('%s', (text, expected) => {
    expect(parseNameAddr(text)).toMatchObject(expected);
  });

  it('formats with brackets and quotes', () => {
    const addr = parseNameAddr('Jean "JD" <sip:jd@x>;tag=1')!;
    expect(formatNameAddr(addr)).toBe('"Jean \\"JD\\"" <sip:jd@x>;tag=1');
    expect(formatNameAddr(parseNameAddr('sip:a@b;tag=2')!)).toBe('<sip:a@b>;tag=2');
    expect(formatNameAddr(parseNameAddr('<sip:a@b>;+sip.instance="<urn:uuid:1>"')!)).toBe(
      '<sip:a@b>;+sip.instance="<urn:uuid:1>"',
    );
  });

  it('reads tags', () => {
    expect(tagOf('<sip:a@b>;tag=xyz')).toBe('xyz');
    expect(tagOf('<sip:a@b;tag=inside-uri>')).toBeNull();
    expect(tagOf(undefined)).toBeNull();
  });
});

describe('Via', () => {
  it.each([
    [
      'SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
      {
        protocol: 'SIP/2.0/UDP',
        host: 'pc33.atlanta.com',
        port: null,
        params: { branch: 'z9hG4bK776asdhds' },
      },
    ],
    [
      'SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.207;branch=z9hG4bK77asjd;rport',
      { host: '192.0.2.1', port: 5060, params: { received: '192.0.2.207', rport: null } },
    ],
    ['SIP / 2.0 / udp 10.0.0.1:5062 ;branch=z9hG4bK1', { protocol: 'SIP/2.0/UDP', port: 5062 }],
  ])('%s', (text, expected) => {
    expect(parseVia(text)).toMatchObject(expected);
  });

  it('formats back', () => {
    const text = 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77asjd;rport';
    expect(formatVia(parseVia(text)!)).toBe(text);
  });

  // RFC 3581: a request from behind a NAT gets received/rport; the response goes to the source.
  it('stamps received and rport on the top Via, and routes responses by them', () => {
    const request = parseMessage(
      'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP 10.9.9.9\r\n\r\n',
    ) as SipRequest;
    stampReceived(request, { address: '198.51.100.7', port: 40123 });
    expect(getHeaders(request, 'Via')[0]).toBe(
      'SIP/2.0/UDP 10.0.0.5:5060;rport=40123;branch=z9hG4bK1;received=198.51.100.7',
    );
    expect(getHeaders(request, 'Via')[1]).toBe('SIP/2.0/UDP 10.9.9.9');
    expect(responseDestination(request, { address: '0.0.0.0', port: 1 })).toEqual({
      address: '198.51.100.7',
      port: 40123,
    });
  });

  it('without rport, adds received only when the host differs and answers to the Via port', () => {
    const request = parseMessage(
      'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP host.example:5070;branch=z9hG4bK1\r\n\r\n',
    ) as SipRequest;
    stampReceived(request, { address: '192.0.2.9', port: 6000 });
    expect(responseDestination(request, { address: '0.0.0.0', port: 1 })).toEqual({
      address: '192.0.2.9',
      port: 5070,
    });
    const same = parseMessage(
      'OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK2\r\n\r\n',
    ) as SipRequest;
    stampReceived(same, { address: '192.0.2.9', port: 6000 });
    expect(getHeaders(same, 'Via')[0]).toBe('SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK2');
    expect(responseDestination(same, { address: '0.0.0.0', port: 1 })).toEqual({
      address: '192.0.2.9',
      port: 5060,
    });
  });
});

describe('identifiers', () => {
  it('makes unique branches with the RFC 3261 magic cookie', () => {
    const branches = new Set(Array.from({ length: 100 }, newBranch));
    expect(branches.size).toBe(100);
    for (const branch of branches) expect(branch.startsWith(branchCookie)).toBe(true);
  });

  it.each([
    ['102 INVITE', { seq: 102, method: 'INVITE' }],
    [' 1  bye ', { seq: 1, method: 'BYE' }],
    ['INVITE', null],
    [undefined, null],
  ])('CSeq %j', (text, expected) => {
    expect(parseCSeq(text)).toEqual(expected);
  });

  it('turns a number into a URI on a default host', () => {
    expect(formatUri(targetUri('+33494000001', 'trunk.example')!)).toBe('sip:+33494000001@trunk.example');
    expect(formatUri(targetUri('sip:secretariat@10.0.0.2:5070', 'x')!)).toBe('sip:secretariat@10.0.0.2:5070');
  });
});
