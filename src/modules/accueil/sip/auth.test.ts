// Digest challenges (401/407) on the requests we send: INVITE, BYE, REFER.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCSeq } from './addresses.ts';
import { digestResponse, parseAuthParams } from './digest.ts';
import { getHeader } from './message.ts';
import { callerSdp, replyTo, startTrunkFixture, TrunkCall, voiceSdp } from './testing.ts';

let fixture: Awaited<ReturnType<typeof startTrunkFixture>>;

beforeEach(async () => {
  fixture = await startTrunkFixture({ credentials: { username: 'tremplin', password: 's3cret' } });
  fixture.peer.handler = null; // this trunk challenges BYEs itself
});

afterEach(async () => {
  await fixture.stop();
});

describe('digest challenges on requests we send', () => {
  it('answers 407 on INVITE and 401 on BYE with credentials and CSeq+1', async () => {
    expect(() => fixture.voice.dial('+33494000001', voiceSdp)).toThrow(/proxy/);
    const dialing = fixture.voice.dial('+33494000001', voiceSdp, {
      proxy: `sip:127.0.0.2:${fixture.peer.address.port}`,
    });

    const first = (await fixture.peer.nextRequest('INVITE')).message;
    expect(parseCSeq(getHeader(first, 'CSeq'))?.seq).toBe(1);
    expect(first.uri).toBe(`sip:+33494000001@127.0.0.2:${fixture.peer.address.port}`);
    fixture.peer.send(
      replyTo(
        first,
        407,
        'Proxy Authentication Required',
        [
          {
            name: 'Proxy-Authenticate',
            value: 'Digest realm="trunk", nonce="n-invite", qop="auth", algorithm=MD5',
          },
        ],
        'p1',
      ),
      fixture.voice.address,
    );
    const ackOf407 = (await fixture.peer.nextRequest('ACK')).message;
    expect(getHeader(ackOf407, 'CSeq')).toBe('1 ACK');

    const second = (
      await fixture.peer.nextRequest(
        'INVITE',
        undefined,
        (m) => getHeader(m, 'Proxy-Authorization') !== undefined,
      )
    ).message;
    expect(parseCSeq(getHeader(second, 'CSeq'))?.seq).toBe(2);
    expect(getHeader(second, 'Call-ID')).toBe(getHeader(first, 'Call-ID'));
    const auth = parseAuthParams(getHeader(second, 'Proxy-Authorization')!.replace(/^Digest /, ''));
    expect(auth.response).toBe(
      digestResponse({
        algorithm: 'MD5',
        username: 'tremplin',
        password: 's3cret',
        realm: 'trunk',
        nonce: 'n-invite',
        method: 'INVITE',
        uri: second.uri,
        qop: 'auth',
        nc: auth.nc!,
        cnonce: auth.cnonce!,
      }),
    );
    fixture.peer.send(
      {
        ...replyTo(
          second,
          200,
          'OK',
          [
            { name: 'Contact', value: `<sip:callee@127.0.0.2:${fixture.peer.address.port}>` },
            { name: 'Content-Type', value: 'application/sdp' },
          ],
          'callee',
        ),
        body: callerSdp,
      },
      fixture.voice.address,
    );
    const call = await dialing.answered;
    const ack = (await fixture.peer.nextRequest('ACK')).message;
    expect(getHeader(ack, 'CSeq')).toBe('2 ACK');
    expect(ack.uri).toBe(`sip:callee@127.0.0.2:${fixture.peer.address.port}`);
    expect(call.remoteSdp).toBe(callerSdp);

    const hangup = call.hangup();
    const bye = (await fixture.peer.nextRequest('BYE')).message;
    const byeSeq = parseCSeq(getHeader(bye, 'CSeq'))!.seq;
    fixture.peer.send(
      replyTo(bye, 401, 'Unauthorized', [
        { name: 'WWW-Authenticate', value: 'Digest realm="trunk", nonce="n-bye"' },
      ]),
      fixture.voice.address,
    );
    const bye2 = (
      await fixture.peer.nextRequest('BYE', undefined, (m) => getHeader(m, 'Authorization') !== undefined)
    ).message;
    expect(parseCSeq(getHeader(bye2, 'CSeq'))?.seq).toBe(byeSeq + 1);
    expect(getHeader(bye2, 'Authorization')).toContain('nonce="n-bye"');
    fixture.peer.send(replyTo(bye2, 200, 'OK'), fixture.voice.address);
    await hangup;
  });

  it('answers 407 on REFER with Proxy-Authorization and CSeq+1', async () => {
    const trunk = new TrunkCall(fixture);
    const call = await trunk.established();
    const result = call.refer('+33494000001');
    const refer = (await fixture.peer.nextRequest('REFER')).message;
    fixture.peer.send(
      replyTo(refer, 407, 'Proxy Authentication Required', [
        { name: 'Proxy-Authenticate', value: 'Digest realm="trunk", nonce="n-refer", algorithm=MD5' },
      ]),
      fixture.voice.address,
    );
    const again = (
      await fixture.peer.nextRequest(
        'REFER',
        undefined,
        (m) => getHeader(m, 'Proxy-Authorization') !== undefined,
      )
    ).message;
    expect(parseCSeq(getHeader(again, 'CSeq'))?.seq).toBe(parseCSeq(getHeader(refer, 'CSeq'))!.seq + 1);
    expect(getHeader(again, 'Refer-To')).toBe(getHeader(refer, 'Refer-To'));
    fixture.peer.send(replyTo(again, 202, 'Accepted'), fixture.voice.address);
    expect(await result).toBe('accepted');
  });
});
