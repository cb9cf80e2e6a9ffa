// Calls between two of our user agents on loopback (127.0.0.1 the voice server, 127.0.0.2 a
// secretariat's phone), both directions, with a lost ACK, rejection, CANCEL and timeout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DialError } from './dialog/dial.ts';
import type { SipMessage } from './message.ts';
import {
  delay,
  endOf,
  eventually,
  fastTimers,
  nextCall,
  callerSdp as phoneSdp,
  voiceSdp,
} from './testing.ts';
import { startUserAgent, type UserAgent } from './user-agent.ts';

let voice: UserAgent;
let phone: UserAgent;

/** Drop the first message the voice server receives that matches (a lost datagram). */
let dropOnce: ((message: SipMessage) => boolean) | null = null;
/** Everything the phone received, to count retransmissions. */
const phoneReceived: SipMessage[] = [];

beforeEach(async () => {
  voice = await startUserAgent({
    host: '127.0.0.1',
    port: 0,
    userAgent: 'Tremplin-test',
    contactUser: 'accueil',
    timers: fastTimers,
    dropIncoming: (message) => {
      if (!dropOnce?.(message)) return false;
      dropOnce = null;
      return true;
    },
  });
  phoneReceived.length = 0;
  phone = await startUserAgent({
    host: '127.0.0.2',
    port: 0,
    contactUser: 'secretariat',
    timers: fastTimers,
    dropIncoming: (message) => {
      phoneReceived.push(message);
      return false;
    },
  });
});

afterEach(async () => {
  dropOnce = null;
  await Promise.all([voice.stop(), phone.stop()]);
});

const voiceUri = () => `sip:accueil@127.0.0.1:${voice.address.port}`;
const phoneUri = () => `sip:secretariat@127.0.0.2:${phone.address.port}`;

describe('calls between two user agents', () => {
  it('phone → voice: 180, 200 with SDP, ACK, then the caller hangs up', async () => {
    const incoming = nextCall(voice);
    const dialing = phone.dial(voiceUri(), phoneSdp, { from: '+33612345678' });
    const progress: number[] = [];
    dialing.on('progress', (status) => progress.push(status));

    const call = await incoming;
    expect(call.direction).toBe('incoming');
    expect(call.sdpOffer).toBe(phoneSdp);
    expect(call.from.uri.user).toBe('+33612345678');
    expect(call.to.uri.user).toBe('accueil');
    expect(call.callId).toBe(dialing.callId);
    const confirmed = new Promise<void>((resolve) => call.once('confirmed', resolve));
    expect(call.ring()).toBe(true);
    await delay(30);
    expect(call.answer(voiceSdp)).toBe(true);

    const outgoing = await dialing.answered;
    await confirmed;
    expect(progress).toEqual([180]);
    expect(outgoing.direction).toBe('outgoing');
    expect(outgoing.state).toBe('established');
    expect(outgoing.remoteSdp).toBe(voiceSdp);
    expect(call.remoteSdp).toBe(phoneSdp);
    expect(call.state).toBe('established');
    expect(voice.activeCalls).toBe(1);

    const voiceEnd = endOf(call);
    const bye = new Promise<void>((resolve) => call.once('bye', resolve));
    await outgoing.hangup();
    await bye;
    expect(await voiceEnd).toBe('bye');
    expect(outgoing.state).toBe('ended');
    expect(voice.activeCalls).toBe(0);
    expect(phone.activeCalls).toBe(0);
  });

  it('voice → phone (bridging to a secretariat): the callee hangs up', async () => {
    const incoming = nextCall(phone);
    const dialing = voice.dial(phoneUri(), voiceSdp, { from: '"Accueil UTS" <sip:+33494000000@127.0.0.1>' });
    const call = await incoming;
    expect(call.from.displayName).toBe('Accueil UTS');
    expect(call.from.uri.user).toBe('+33494000000');
    call.answer(phoneSdp);
    const outgoing = await dialing.answered;
    expect(outgoing.remoteSdp).toBe(phoneSdp);
    expect(outgoing.from.uri.user).toBe('+33494000000');
    expect(outgoing.to.uri.user).toBe('secretariat');
    await eventually(() => call.state === 'established');

    const outgoingEnd = endOf(outgoing);
    await call.hangup();
    expect(await outgoingEnd).toBe('bye');
  });

  it('retransmits the 200 when the ACK is lost, until the next ACK arrives', async () => {
    dropOnce = (m) => m.kind === 'request' && m.method === 'ACK';
    const incoming = nextCall(voice);
    const dialing = phone.dial(voiceUri(), phoneSdp);
    const call = await incoming;
    const confirmed = new Promise<void>((resolve) => call.once('confirmed', resolve));
    call.answer(voiceSdp);
    await dialing.answered;
    expect(call.state).toBe('answered'); // the first ACK never arrived
    await confirmed;
    const oks = phoneReceived.filter((m) => m.kind === 'response' && m.status === 200);
    expect(oks.length).toBeGreaterThanOrEqual(2);
    // Once confirmed, no more retransmissions.
    const count = oks.length;
    await delay(fastTimers.t1 * 6);
    expect(phoneReceived.filter((m) => m.kind === 'response' && m.status === 200)).toHaveLength(count);
  });

  it('rejects: the caller gets the status, and the call ends', async () => {
    voice.once('invite', (call) => call.reject(486));
    const dialing = phone.dial(voiceUri(), phoneSdp);
    const error = await dialing.answered.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialError);
    expect(error).toMatchObject({ status: 486, failure: 'rejected' });
  });

  it('CANCEL before the answer: 487 to the caller, cancel on the callee', async () => {
    const incoming = nextCall(voice);
    const dialing = phone.dial(voiceUri(), phoneSdp);
    const ringing = new Promise<void>((resolve) => dialing.once('progress', () => resolve()));
    const call = await incoming;
    const cancelled = new Promise<void>((resolve) => call.once('cancel', resolve));
    const ended = endOf(call);
    call.ring();
    await ringing;
    dialing.cancel();
    await expect(dialing.answered).rejects.toMatchObject({ status: 487, failure: 'cancelled' });
    await cancelled;
    expect(await ended).toBe('cancel');
    expect(call.answer(voiceSdp)).toBe(false);
    await eventually(() => phoneReceived.some((m) => m.kind === 'response' && m.status === 487));
  });

  it('gives up dialling after timeoutMs', async () => {
    voice.once('invite', (call) => call.ring());
    const dialing = phone.dial(voiceUri(), phoneSdp, { timeoutMs: 200 });
    await expect(dialing.answered).rejects.toMatchObject({ status: 408, failure: 'timeout' });
    await eventually(() => phoneReceived.some((m) => m.kind === 'response' && m.status === 487));
  });

  it('answers 480 when nobody listens for calls', async () => {
    const dialing = phone.dial(voiceUri(), phoneSdp);
    await expect(dialing.answered).rejects.toMatchObject({ status: 480 });
  });
});
