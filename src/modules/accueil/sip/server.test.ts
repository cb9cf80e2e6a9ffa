// The voice server's side of a call, driven datagram by datagram from a fake trunk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBranch, parseCSeq, tagOf } from './addresses.ts';
import { getHeader } from './message.ts';
import {
  callerSdp,
  delay,
  endOf,
  eventually,
  fastTimers,
  nextCall,
  startTrunkFixture,
  TrunkCall,
  voiceSdp,
} from './testing.ts';

let fixture: Awaited<ReturnType<typeof startTrunkFixture>>;

beforeEach(async () => {
  fixture = await startTrunkFixture();
});

afterEach(async () => {
  await fixture.stop();
});

describe('the server side, datagram by datagram', () => {
  it('sends 100 Trying at once and absorbs a retransmitted INVITE: one call only', async () => {
    const trunk = new TrunkCall(fixture);
    let calls = 0;
    fixture.voice.on('invite', () => calls++);
    trunk.send(trunk.invite);
    await fixture.peer.nextResponse(100, 'INVITE');
    trunk.send(trunk.invite);
    await fixture.peer.nextResponse(100, 'INVITE');
    await delay(50);
    expect(calls).toBe(1);
  });

  it('resends the 200 to a retransmitted INVITE, and ends with no-ack (then BYE) when no ACK comes', async () => {
    const trunk = new TrunkCall(fixture);
    const { call, ok } = await trunk.answered();
    expect(ok.body).toBe(voiceSdp);
    expect(getHeader(ok, 'Contact')).toBe(`<${fixture.voiceUri}>`);
    expect(getHeader(ok, 'Content-Type')).toBe('application/sdp');
    const ended = endOf(call);
    trunk.send(trunk.invite);
    await fixture.peer.nextResponse(200, 'INVITE');
    const bye = await fixture.peer.nextRequest('BYE', 64 * fastTimers.t1 + 2000);
    expect(await ended).toBe('no-ack');
    // T1, 2T1, 4T1, then every T2 over 64·T1: about 10 retransmissions.
    expect(fixture.peer.count((m) => m.kind === 'response' && m.status === 200)).toBeGreaterThanOrEqual(8);
    expect(bye.message.uri).toBe(`sip:trunk@127.0.0.2:${fixture.peer.address.port}`);
    expect(tagOf(getHeader(bye.message, 'From'))).toBe(trunk.toTag);
  });

  it('retransmits a rejection until the ACK, then stops (ACK absorbed by the transaction)', async () => {
    const trunk = new TrunkCall(fixture);
    fixture.voice.once('invite', (call) => call.reject(603, 'Decline'));
    trunk.send(trunk.invite);
    const decline = await fixture.peer.nextResponse(603, 'INVITE');
    await fixture.peer.nextResponse(603, 'INVITE'); // timer G
    const ack = trunk.request('ACK', [], '', trunk.inviteBranch);
    ack.headers = ack.headers.map((h) =>
      h.name === 'To' ? { name: 'To', value: getHeader(decline.message, 'To')! } : h,
    );
    trunk.send(ack);
    await delay(fastTimers.t1 * 2);
    const count = fixture.peer.count((m) => m.kind === 'response' && m.status === 603);
    await delay(fastTimers.t1 * 8);
    expect(fixture.peer.count((m) => m.kind === 'response' && m.status === 603)).toBe(count);
  });

  it('CANCEL: 200 to the CANCEL, 487 to the INVITE; an unknown CANCEL gets 481', async () => {
    const trunk = new TrunkCall(fixture);
    const incoming = nextCall(fixture.voice);
    trunk.send(trunk.invite);
    const call = await incoming;
    const cancelled = new Promise<void>((resolve) => call.once('cancel', resolve));
    const cancel = trunk.request('CANCEL', [], '', trunk.inviteBranch);
    cancel.headers = cancel.headers.filter((h) => h.name !== 'Contact');
    trunk.send(cancel);
    await fixture.peer.nextResponse(200, 'CANCEL');
    await fixture.peer.nextResponse(487, 'INVITE');
    await cancelled;
    trunk.send(trunk.request('CANCEL', [], '', newBranch()));
    await fixture.peer.nextResponse(481, 'CANCEL');
  });

  it('answers OPTIONS (trunk keepalive), 481 outside any dialog, 501 to unknown methods in a dialog', async () => {
    const options = new TrunkCall(fixture).request('OPTIONS');
    fixture.peer.send(options, fixture.voice.address);
    const ok = await fixture.peer.nextResponse(200, 'OPTIONS');
    expect(getHeader(ok.message, 'Allow')).toContain('INVITE');

    const stray = new TrunkCall(fixture);
    stray.toTag = 'nope';
    stray.send(stray.next('BYE'));
    await fixture.peer.nextResponse(481, 'BYE');

    const message = new TrunkCall(fixture).request('MESSAGE', [], 'hello');
    fixture.peer.send(message, fixture.voice.address);
    await fixture.peer.nextResponse(405, 'MESSAGE');

    const trunk = new TrunkCall(fixture);
    await trunk.answered();
    trunk.send(trunk.ack());
    trunk.send(trunk.next('UPDATE'));
    await fixture.peer.nextResponse(501, 'UPDATE');
    trunk.send(trunk.next('OPTIONS'));
    await fixture.peer.nextResponse(200, 'OPTIONS');
  });

  it('answers a re-INVITE (hold) with the same SDP', async () => {
    const trunk = new TrunkCall(fixture);
    const { call } = await trunk.answered();
    trunk.send(trunk.ack());
    await eventually(() => call.state === 'established');
    const held = callerSdp.replace('a=sendrecv', 'a=sendonly');
    const reinvite = new Promise<string>((resolve) => call.once('reinvite', resolve));
    trunk.send(trunk.next('INVITE', [{ name: 'Content-Type', value: 'application/sdp' }], held));
    const ok = await fixture.peer.nextResponse(200, 'INVITE');
    expect(parseCSeq(getHeader(ok.message, 'CSeq'))?.seq).toBe(2);
    expect(ok.message.body).toBe(voiceSdp);
    expect(await reinvite).toBe(held);
    expect(call.remoteSdp).toBe(held);
    trunk.send(trunk.ack(2));
    await delay(fastTimers.t1 * 4);
    expect(
      fixture.peer.count(
        (m) => m.kind === 'response' && m.status === 200 && getHeader(m, 'CSeq') === '2 INVITE',
      ),
    ).toBe(1);
    expect(call.state).toBe('established');
  });

  it('refuses with 420 an INVITE that requires an extension', async () => {
    const trunk = new TrunkCall(fixture);
    let calls = 0;
    fixture.voice.on('invite', () => calls++);
    trunk.invite.headers.push({ name: 'Require', value: '100rel' });
    trunk.send(trunk.invite);
    const refused = await fixture.peer.nextResponse(420, 'INVITE');
    expect(getHeader(refused.message, 'Unsupported')).toBe('100rel');
    expect(calls).toBe(0);
  });

  it('takes the SDP answer from the ACK when the INVITE had no offer', async () => {
    const trunk = new TrunkCall(fixture, '');
    const { call, ok } = await trunk.answered();
    expect(call.sdpOffer).toBe('');
    expect(ok.body).toBe(voiceSdp);
    const ack = trunk.ack();
    ack.headers.push({ name: 'Content-Type', value: 'application/sdp' });
    ack.body = callerSdp;
    trunk.send(ack);
    await eventually(() => call.state === 'established');
    expect(call.remoteSdp).toBe(callerSdp);
  });
});
