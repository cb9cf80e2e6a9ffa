import { describe, expect, it } from 'vitest';
import { answerSdp, negotiate, offerSdp } from './sdp.ts';

const sdp = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** `sipp -sd uac`: the offer of SIPp's default scenario, with its placeholders filled in. */
const SIPP_UAC = sdp(
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 127.0.0.2',
  's=-',
  'c=IN IP4 127.0.0.2',
  't=0 0',
  'm=audio 6000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
);

/** `sipp -sd uac_pcap`: A-law and telephone-event 101. */
const SIPP_UAC_PCAP = sdp(
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 127.0.0.2',
  's=-',
  'c=IN IP4 127.0.0.2',
  't=0 0',
  'm=audio 6002 RTP/AVP 8 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-11,16',
);

/** A Linphone-style offer: wide-band codecs first, telephone-event at three rates. */
const LINPHONE = sdp(
  'v=0',
  'o=alice 1613 3124 IN IP4 192.168.1.20',
  's=Talk',
  'c=IN IP4 192.168.1.20',
  't=0 0',
  'a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics',
  'm=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100',
  'a=rtpmap:96 opus/48000/2',
  'a=fmtp:96 useinbandfec=1',
  'a=rtpmap:97 speex/16000',
  'a=fmtp:97 vbr=on',
  'a=rtpmap:98 speex/8000',
  'a=fmtp:98 vbr=on',
  'a=fmtp:18 annexb=yes',
  'a=rtpmap:101 telephone-event/48000',
  'a=rtpmap:99 telephone-event/16000',
  'a=rtpmap:100 telephone-event/8000',
  'a=rtcp-fb:* trr-int 1000',
  'a=rtcp-fb:* ccm tmmbr',
);

/** An Asterisk-style offer: A-law first, GSM and G.722 too, 101 telephone-event. */
const ASTERISK = sdp(
  'v=0',
  'o=- 1694530000 1694530000 IN IP4 10.0.0.5',
  's=Asterisk',
  'c=IN IP4 10.0.0.5',
  't=0 0',
  'm=audio 14562 RTP/AVP 8 0 3 9 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:3 GSM/8000',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
  'a=maxptime:150',
  'a=sendrecv',
);

/** An operator trunk: A-law only, no rtpmap for the static type, connection at media level, 30 ms. */
const TRUNK_ALAW = sdp(
  'v=0',
  'o=SBC 2890844526 2890844526 IN IP4 203.0.113.7',
  's=SBC',
  't=0 0',
  'm=audio 30000 RTP/AVP 8 96',
  'c=IN IP4 203.0.113.9',
  'a=rtpmap:96 telephone-event/8000',
  'a=fmtp:96 0-15',
  'a=ptime:30',
);

describe('negotiate', () => {
  it.each([
    [
      'SIPp uac',
      SIPP_UAC,
      undefined,
      {
        law: 'ulaw',
        payloadType: 0,
        dtmfPayloadType: null,
        remote: { address: '127.0.0.2', port: 6000 },
        ptime: 20,
      },
    ],
    [
      'SIPp uac_pcap',
      SIPP_UAC_PCAP,
      undefined,
      { law: 'alaw', payloadType: 8, dtmfPayloadType: 101, remote: { address: '127.0.0.2', port: 6002 } },
    ],
    [
      'Linphone',
      LINPHONE,
      undefined,
      { law: 'ulaw', payloadType: 0, dtmfPayloadType: 100, remote: { address: '192.168.1.20', port: 7078 } },
    ],
    ['Linphone, A-law preferred', LINPHONE, 'alaw', { law: 'alaw', payloadType: 8, dtmfPayloadType: 100 }],
    [
      'Asterisk',
      ASTERISK,
      undefined,
      { law: 'alaw', payloadType: 8, dtmfPayloadType: 101, offerDirection: 'sendrecv', hold: false },
    ],
    ['Asterisk, µ-law preferred', ASTERISK, 'ulaw', { law: 'ulaw', payloadType: 0, dtmfPayloadType: 101 }],
    [
      'A-law-only trunk',
      TRUNK_ALAW,
      undefined,
      {
        law: 'alaw',
        payloadType: 8,
        dtmfPayloadType: 96,
        remote: { address: '203.0.113.9', port: 30000 },
        ptime: 30,
      },
    ],
    ['A-law-only trunk, µ-law preferred', TRUNK_ALAW, 'ulaw', { law: 'alaw', payloadType: 8 }],
    ['SIPp uac, A-law preferred', SIPP_UAC, 'alaw', { law: 'ulaw', payloadType: 0 }],
  ] as const)('%s', (_name, offer, prefer, expected) => {
    expect(negotiate(offer, prefer)).toMatchObject(expected);
  });

  it('returns null when no stream carries G.711 (the caller answers 488)', () => {
    const g729 = sdp(
      'v=0',
      'o=- 1 1 IN IP4 10.0.0.1',
      's=-',
      'c=IN IP4 10.0.0.1',
      't=0 0',
      'm=audio 4000 RTP/AVP 18 96 101',
      'a=rtpmap:18 G729/8000',
      'a=rtpmap:96 opus/48000/2',
      'a=rtpmap:101 telephone-event/8000',
    );
    expect(negotiate(g729)).toBeNull();
    const srtp = sdp(
      'v=0',
      'o=- 1 1 IN IP4 10.0.0.1',
      's=-',
      'c=IN IP4 10.0.0.1',
      't=0 0',
      'm=audio 4000 RTP/SAVP 0 8',
    );
    expect(negotiate(srtp)).toBeNull();
    const video = sdp(
      'v=0',
      'o=- 1 1 IN IP4 10.0.0.1',
      's=-',
      'c=IN IP4 10.0.0.1',
      't=0 0',
      'm=video 4002 RTP/AVP 0',
    );
    expect(negotiate(video)).toBeNull();
    const misnamed = sdp(
      'v=0',
      'o=- 1 1 IN IP4 10.0.0.1',
      's=-',
      'c=IN IP4 10.0.0.1',
      't=0 0',
      'm=audio 4000 RTP/AVP 0',
      'a=rtpmap:0 G729/8000',
    );
    expect(negotiate(misnamed)).toBeNull();
    expect(negotiate('')).toBeNull();
    expect(negotiate('not an SDP at all')).toBeNull();
  });

  it('understands hold: c=0.0.0.0, sendonly, inactive', () => {
    const oldHold = ASTERISK.replace('c=IN IP4 10.0.0.5', 'c=IN IP4 0.0.0.0');
    expect(negotiate(oldHold)).toMatchObject({
      hold: true,
      remote: { address: '0.0.0.0', port: 14562 },
      offerDirection: 'sendrecv',
    });
    const sendonly = ASTERISK.replace('a=sendrecv', 'a=sendonly');
    expect(negotiate(sendonly)).toMatchObject({
      hold: true,
      offerDirection: 'sendonly',
      answerDirection: 'recvonly',
    });
    const inactive = ASTERISK.replace('a=sendrecv', 'a=inactive');
    expect(negotiate(inactive)).toMatchObject({
      hold: true,
      offerDirection: 'inactive',
      answerDirection: 'inactive',
    });
    const recvonly = ASTERISK.replace('a=sendrecv', 'a=recvonly');
    expect(negotiate(recvonly)).toMatchObject({ hold: false, answerDirection: 'sendonly' });
    // A direction at session level applies to the streams that do not say.
    const sessionLevel = SIPP_UAC.replace('t=0 0', 't=0 0\r\na=sendonly');
    expect(negotiate(sessionLevel)).toMatchObject({ offerDirection: 'sendonly', hold: true });
  });

  it('takes the first usable audio stream and remembers the others for the answer', () => {
    const offer = sdp(
      'v=0',
      'o=- 1 1 IN IP4 10.0.0.1',
      's=-',
      'c=IN IP4 10.0.0.1',
      't=0 0',
      'm=video 5000 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'm=audio 0 RTP/AVP 0',
      'm=audio 5002 RTP/AVP 0 8',
      'c=IN IP4 10.0.0.2',
    );
    const n = negotiate(offer)!;
    expect(n).toMatchObject({ streamIndex: 2, remote: { address: '10.0.0.2', port: 5002 }, law: 'ulaw' });
    expect(n.streams.map((s) => `${s.type} ${s.protocol} ${s.payloads}`)).toEqual([
      'video RTP/AVP 96',
      'audio RTP/AVP 0',
      'audio RTP/AVP 0 8',
    ]);
    const answer = answerSdp({ address: '10.0.0.9', port: 20000, sessionId: 7, ...n });
    expect(answer.split('\r\n').filter((l) => l.startsWith('m='))).toEqual([
      'm=video 0 RTP/AVP 96',
      'm=audio 0 RTP/AVP 0',
      'm=audio 20000 RTP/AVP 0',
    ]);
  });

  it('reads offers with bare LF line ends and a multicast TTL', () => {
    const offer = SIPP_UAC.replaceAll('\r\n', '\n').replace('c=IN IP4 127.0.0.2', 'c=IN IP4 224.2.1.1/127');
    expect(negotiate(offer)).toMatchObject({ remote: { address: '224.2.1.1', port: 6000 } });
  });
});

describe('answerSdp', () => {
  it('answers with one G.711 type, telephone-event 0-16 and 20 ms packets', () => {
    const n = negotiate(ASTERISK)!;
    const answer = answerSdp({
      address: '192.0.2.10',
      port: 20002,
      law: n.law,
      payloadType: n.payloadType,
      dtmfPayloadType: n.dtmfPayloadType,
      sessionId: 1234,
    });
    expect(answer).toBe(
      sdp(
        'v=0',
        'o=- 1234 1 IN IP4 192.0.2.10',
        's=-',
        'c=IN IP4 192.0.2.10',
        't=0 0',
        'm=audio 20002 RTP/AVP 8 101',
        'a=rtpmap:8 PCMA/8000',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-16',
        'a=ptime:20',
        'a=sendrecv',
      ),
    );
    // What we answer is itself an offer we would accept, with the same choices.
    expect(negotiate(answer)).toMatchObject({
      law: 'alaw',
      payloadType: 8,
      dtmfPayloadType: 101,
      remote: { address: '192.0.2.10', port: 20002 },
    });
  });

  it('keeps the offerer’s telephone-event number, omits it when there was none, follows a hold', () => {
    const trunk = negotiate(TRUNK_ALAW)!;
    expect(answerSdp({ address: '192.0.2.10', port: 20004, sessionId: 1, ...trunk })).toContain(
      'm=audio 20004 RTP/AVP 8 96\r\n',
    );
    const sipp = negotiate(SIPP_UAC)!;
    const plain = answerSdp({ address: '192.0.2.10', port: 20006, sessionId: 1, ...sipp });
    expect(plain).toContain(
      'm=audio 20006 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n',
    );
    expect(plain).not.toContain('telephone-event');
    const held = negotiate(ASTERISK.replace('a=sendrecv', 'a=sendonly'))!;
    const answer = answerSdp({
      address: '192.0.2.10',
      port: 20008,
      sessionId: 1,
      sessionVersion: 2,
      ...held,
    });
    expect(answer).toContain('o=- 1 2 IN IP4 192.0.2.10');
    expect(answer).toContain('a=recvonly');
  });
});

describe('offerSdp', () => {
  it('offers both laws and telephone-event 101', () => {
    const offer = offerSdp({ address: '192.0.2.10', port: 20010, sessionId: 99 });
    expect(offer).toBe(
      sdp(
        'v=0',
        'o=- 99 1 IN IP4 192.0.2.10',
        's=-',
        'c=IN IP4 192.0.2.10',
        't=0 0',
        'm=audio 20010 RTP/AVP 0 8 101',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:8 PCMA/8000',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-16',
        'a=ptime:20',
        'a=sendrecv',
      ),
    );
    expect(negotiate(offer)).toMatchObject({ law: 'ulaw', dtmfPayloadType: 101 });
    const alawFirst = offerSdp({ address: '192.0.2.10', port: 20010, sessionId: 99, prefer: 'alaw' });
    expect(alawFirst).toContain('m=audio 20010 RTP/AVP 8 0 101');
    expect(negotiate(alawFirst)).toMatchObject({ law: 'alaw', payloadType: 8 });
  });
});
