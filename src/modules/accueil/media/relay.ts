/**
 * Bridging two calls' media (transfer by bridging when the trunk refuses REFER): each leg's received
 * audio is sent by the other leg at its own 20 ms pace (converted when the two legs negotiated different
 * laws), and each key press is sent again on the other leg (telephone-event, or in-band tones for a leg
 * without it). Re-pacing on the receiving leg keeps each stream's sequence numbers, timestamps and SSRC
 * continuous across prompts, bridge and prompts again, at the cost of up to one frame of delay.
 */
import { transcode } from './g711.ts';
import type { RtpSession } from './session.ts';

export type BridgeEnd = 'stopped' | 'a-closed' | 'b-closed';

export type Bridge = {
  /** Stops relaying (both sessions stay open). Idempotent. */
  stop(): void;
  /** Resolves when the bridge ends: stop(), or either session closing. */
  readonly done: Promise<BridgeEnd>;
};

export function bridge(a: RtpSession, b: RtpSession): Bridge {
  let finish: (end: BridgeEnd) => void = () => {};
  const done = new Promise<BridgeEnd>((resolve) => {
    finish = resolve;
  });
  if (a.closed || b.closed) {
    finish(a.closed ? 'a-closed' : 'b-closed');
    return { stop() {}, done };
  }
  const unlinks = [link(a, b), link(b, a)];
  let ended = false;
  const end = (reason: BridgeEnd) => {
    if (ended) return;
    ended = true;
    for (const unlink of unlinks) unlink();
    a.off('close', onCloseA);
    b.off('close', onCloseB);
    if (!a.closed) a.setBridged(false);
    if (!b.closed) b.setBridged(false);
    finish(reason);
  };
  const onCloseA = () => end('a-closed');
  const onCloseB = () => end('b-closed');
  a.on('close', onCloseA);
  b.on('close', onCloseB);
  a.setBridged(true);
  b.setBridged(true);
  return { stop: () => end('stopped'), done };
}

/** Forwards `from`'s audio and key presses to `to`; returns the function that undoes it. */
function link(from: RtpSession, to: RtpSession): () => void {
  const onAudio = (payload: Buffer) => to.relayAudio(transcode(payload, from.law, to.law));
  const onDtmf = (digit: string) => void to.sendDtmf(digit);
  from.on('audio', onAudio);
  from.on('dtmf', onDtmf);
  return () => {
    from.off('audio', onAudio);
    from.off('dtmf', onDtmf);
  };
}
