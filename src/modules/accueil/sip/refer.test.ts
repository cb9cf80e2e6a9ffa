// Transfer by REFER (RFC 3515): the trunk accepts or refuses, then reports with NOTIFY sipfrag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNameAddr, tagOf } from './addresses.ts';
import type { TransferProgress } from './dialog/call.ts';
import { getHeader } from './message.ts';
import { endOf, replyTo, startTrunkFixture, TrunkCall } from './testing.ts';

let fixture: Awaited<ReturnType<typeof startTrunkFixture>>;

beforeEach(async () => {
  fixture = await startTrunkFixture();
});

afterEach(async () => {
  await fixture.stop();
});

describe('REFER (transfer by the trunk)', () => {
  it('accepted with 202, then NOTIFY sipfrag progress until 200, then the trunk hangs up', async () => {
    const trunk = new TrunkCall(fixture);
    const call = await trunk.established();
    const progress: TransferProgress[] = [];
    call.on('transfer-progress', (p) => progress.push(p));

    const result = call.refer('+33494000001');
    const refer = (await fixture.peer.nextRequest('REFER')).message;
    expect(getHeader(refer, 'Refer-To')).toBe(`<sip:+33494000001@127.0.0.2:${fixture.peer.address.port}>`);
    expect(parseNameAddr(getHeader(refer, 'Referred-By')!)?.uri.user).toBe('accueil');
    expect(tagOf(getHeader(refer, 'To'))).toBe(trunk.fromTag);
    fixture.peer.send(replyTo(refer, 202, 'Accepted'), fixture.voice.address);
    expect(await result).toBe('accepted');

    const notify = (status: string, state: string) =>
      trunk.next(
        'NOTIFY',
        [
          { name: 'Event', value: 'refer' },
          { name: 'Subscription-State', value: state },
          { name: 'Content-Type', value: 'message/sipfrag;version=2.0' },
        ],
        `SIP/2.0 ${status}\r\n`,
      );
    trunk.send(notify('100 Trying', 'active;expires=60'));
    await fixture.peer.nextResponse(200, 'NOTIFY');
    trunk.send(notify('200 OK', 'terminated;reason=noresource'));
    await fixture.peer.nextResponse(200, 'NOTIFY');
    expect(progress).toEqual([
      { status: 100, reason: 'Trying', final: false },
      { status: 200, reason: 'OK', final: true },
    ]);

    const ended = endOf(call);
    trunk.send(trunk.next('BYE'));
    await fixture.peer.nextResponse(200, 'BYE');
    expect(await ended).toBe('bye');
  });

  it('refused on 603, and on no answer at all', async () => {
    const trunk = new TrunkCall(fixture);
    const call = await trunk.established();
    const first = call.refer('sip:secretariat@10.0.0.9');
    const refer = (await fixture.peer.nextRequest('REFER')).message;
    expect(getHeader(refer, 'Refer-To')).toBe('<sip:secretariat@10.0.0.9>');
    fixture.peer.send(replyTo(refer, 603, 'Decline'), fixture.voice.address);
    expect(await first).toBe('refused');
    // Timer F: 64·T1 of retransmissions without any answer.
    expect(await call.refer('+33494000002')).toBe('refused');
    expect(fixture.peer.count((m) => m.kind === 'request' && m.method === 'REFER')).toBeGreaterThan(3);
  });

  it('a NOTIFY with a failure status reports it', async () => {
    const trunk = new TrunkCall(fixture);
    const call = await trunk.established();
    const progress = new Promise<TransferProgress>((resolve) => call.once('transfer-progress', resolve));
    trunk.send(
      trunk.next(
        'NOTIFY',
        [
          { name: 'Event', value: 'refer' },
          { name: 'Subscription-State', value: 'terminated' },
          { name: 'Content-Type', value: 'message/sipfrag' },
        ],
        'SIP/2.0 486 Busy Here',
      ),
    );
    expect(await progress).toEqual({ status: 486, reason: 'Busy Here', final: true });
  });
});
