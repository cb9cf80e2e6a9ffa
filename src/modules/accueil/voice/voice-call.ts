import { randomInt } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import type { MediaAction } from '../calls/call-state.ts';
import { advanceCall } from '../calls/calls.service.ts';
import type { FlowEvent, PromptRef } from '../flow/types.ts';
import { bridge } from '../media/relay.ts';
import { negotiate, offerSdp } from '../media/sdp.ts';
import { RtpSession } from '../media/session.ts';
import { g711Wav } from '../media/wav.ts';
import { promptAudio } from '../prompts/audio.ts';
import type { Call } from '../sip/dialog/call.ts';
import { DialError } from '../sip/dialog/dial.ts';
import type { UserAgent } from '../sip/user-agent.ts';
import { DigitBuffer } from './digits.ts';

/** What a voice call needs from the server that answered it. */
export type VoiceContext = {
  platform: Platform;
  ua: UserAgent;
  media: { host: string; publicAddress: string; ports: { min: number; max: number } };
  transfer: 'refer' | 'bridge';
  /** Where numbers (not SIP URIs) are dialled for a transfer: the trunk, else our own host. */
  trunkHost: string | null;
  log: { info(data: object, msg?: string): void; warn(data: object, msg?: string): void };
};

type Next = { event: Exclude<FlowEvent, { type: 'start' }>; voicemail?: { wav: Buffer; durationMs: number } };

/** Longest a call may last before the server ends it (a stuck call must not hold a port forever). */
const MAX_CALL_MS = 60 * 60 * 1000;
/** After REFER was accepted, how long past the ring time we wait for the trunk's final NOTIFY. */
const NOTIFY_GRACE_MS = 5000;

/**
 * One answered SIP call, driven by the flow engine through calls.service: it does the media actions
 * (say, listen for keys, transfer, record, hang up) and reports what happened as the next event.
 * Events of a call are applied one at a time, in order; when the caller hangs up, a recording in
 * progress is kept ('recorded') before the 'hangup' that ends the call.
 */
export class VoiceCall {
  private readonly digits = new DigitBuffer();
  private hungUp = false;
  private readonly gone: Promise<void>;
  private onGone: () => void = () => {};

  constructor(
    private readonly context: VoiceContext,
    private readonly call: Call,
    private readonly rtp: RtpSession,
    private readonly callId: string,
    private readonly lineId: string,
  ) {
    this.gone = new Promise((resolve) => {
      this.onGone = resolve;
    });
    rtp.on('dtmf', (digit) => this.digits.push(digit));
    // Some trunks send keys as SIP INFO (application/dtmf-relay: "Signal=1").
    call.on('info', ({ body }) => {
      const signal = /Signal\s*=\s*([0-9*#])/i.exec(body)?.[1];
      if (signal) this.digits.push(signal);
    });
    call.on('ended', () => this.callerLeft());
  }

  /** Runs the call from the engine's first actions to its end. Never throws. */
  async run(first: MediaAction[], seq: number): Promise<void> {
    const timer = setTimeout(() => void this.hangUp(), MAX_CALL_MS);
    try {
      let actions = first;
      let expected = seq;
      while (!this.hungUp && actions.length) {
        const next = await this.perform(actions);
        if (!next) break;
        const progress = await advanceCall(this.context.platform, this.callId, next.event, {
          seq: expected,
          ...(next.voicemail ? { voicemail: next.voicemail } : {}),
        });
        if (!progress || progress.ended) {
          // The engine ended the call after a recording the caller hung up on: nothing left to play.
          if (!this.hungUp && progress?.actions.length) await this.perform(progress.actions);
          break;
        }
        actions = progress.actions;
        expected = progress.seq;
      }
    } catch (error) {
      this.context.log.warn({ err: error, callId: this.callId }, 'appel interrompu par une erreur');
    } finally {
      clearTimeout(timer);
      await this.hangUp();
      await advanceCall(this.context.platform, this.callId, { type: 'hangup', at: new Date() }).catch(
        (error: unknown) =>
          this.context.log.warn({ err: error, callId: this.callId }, 'fin d’appel non enregistrée'),
      );
    }
  }

  private callerLeft(): void {
    this.hungUp = true;
    this.digits.close();
    this.onGone();
    this.rtp.stopPlayback();
  }

  /** Does the actions in order; returns the event the last of them waited for, or null when none waits. */
  private async perform(actions: MediaAction[]): Promise<Next | null> {
    for (const action of actions) {
      if (this.hungUp) return null;
      switch (action.type) {
        case 'play':
          // Said in full (the welcome tells how the caller's data is used); keys typed meanwhile wait
          // in the buffer and answer the next question, whose prompt they skip.
          await this.say(action.prompts, false);
          break;
        case 'gather': {
          if (!this.digits.pending) await this.say(action.prompts, true);
          const typed = await this.digits.read(action.maxDigits, action.timeoutSeconds * 1000);
          if (this.hungUp) return null;
          const at = new Date();
          return { event: typed ? { type: 'digits', digits: typed, at } : { type: 'noInput', at } };
        }
        case 'transfer':
          return this.transfer(action);
        case 'record':
          return this.record(action.maxSeconds);
        case 'hangup':
          await this.hangUp();
          return null;
      }
    }
    return null;
  }

  /** Says the prompts; a key press interrupts them when `interruptible`. */
  private async say(prompts: PromptRef[], interruptible: boolean): Promise<void> {
    for (const ref of prompts) {
      if (this.hungUp) return;
      const audio = await promptAudio(this.context.platform, this.lineId, ref, this.rtp.law);
      const result = await this.rtp.play(audio, { interruptible });
      if (result !== 'done') return;
    }
  }

  private async record(maxSeconds: number): Promise<Next | null> {
    await this.rtp.beep();
    if (this.hungUp) return null;
    this.rtp.startRecording();
    // '#' ends the message; so do the caller hanging up and the maximum length.
    const hash = new Promise<void>((resolve) => {
      const listener = (digit: string) => {
        if (digit === '#') {
          this.rtp.off('dtmf', listener);
          resolve();
        }
      };
      this.rtp.on('dtmf', listener);
    });
    await Promise.race([hash, this.gone, delay(maxSeconds * 1000)]);
    const recording = this.rtp.stopRecording();
    return {
      event: { type: 'recorded', durationMs: recording.durationMs, at: new Date() },
      voicemail: { wav: g711Wav(recording.payload, recording.law), durationMs: recording.durationMs },
    };
  }

  private async transfer(action: Extract<MediaAction, { type: 'transfer' }>): Promise<Next | null> {
    if (this.context.transfer === 'refer') {
      // A bare number goes to the trunk the call came from.
      const referred = await this.referTo(action.to, action.ringSeconds);
      if (referred !== 'refused') {
        if (referred === 'answered') {
          // The secretariat has the caller: our leg is done.
          await advanceCall(this.context.platform, this.callId, {
            type: 'transferResult',
            answered: true,
            at: new Date(),
          });
          await this.hangUp();
          return null;
        }
        return { event: { type: 'transferResult', answered: false, at: new Date() } };
      }
    }
    return this.bridgeTo(this.targetOf(action.to), action.ringSeconds);
  }

  /** SIP REFER: the trunk calls the secretariat and tells us (NOTIFY) whether it answered. */
  private async referTo(target: string, ringSeconds: number): Promise<'answered' | 'unanswered' | 'refused'> {
    const outcome = new Promise<'answered' | 'unanswered'>((resolve) => {
      const timer = setTimeout(() => resolve('unanswered'), ringSeconds * 1000 + NOTIFY_GRACE_MS);
      this.call.on('transfer-progress', (progress) => {
        if (progress.status >= 200) {
          clearTimeout(timer);
          resolve(progress.status < 300 ? 'answered' : 'unanswered');
        } else if (progress.final) {
          clearTimeout(timer);
          resolve('unanswered');
        }
      });
      void this.gone.then(() => {
        clearTimeout(timer);
        resolve('unanswered');
      });
    });
    const accepted = await this.call.refer(target);
    if (accepted === 'refused') return 'refused';
    return outcome;
  }

  /** Calls the secretariat ourselves and relays the audio both ways until either side hangs up. */
  private async bridgeTo(target: string, ringSeconds: number): Promise<Next | null> {
    const { media, ua } = this.context;
    const leg = await RtpSession.open({
      host: media.host,
      ports: media.ports,
      law: this.rtp.law,
      payloadType: this.rtp.payloadType,
      dtmfPayloadType: 101,
      remote: null,
    });
    const dialing = ua.dial(
      target,
      offerSdp({
        address: media.publicAddress,
        port: leg.port,
        sessionId: randomInt(1, 2 ** 31),
        prefer: this.rtp.law,
      }),
      { timeoutMs: ringSeconds * 1000, from: this.call.from.uri.user ?? undefined },
    );
    void this.gone.then(() => dialing.cancel());
    let answered: Call;
    try {
      answered = await dialing.answered;
    } catch (error) {
      leg.close();
      if (!(error instanceof DialError)) throw error;
      return this.hungUp ? null : { event: { type: 'transferResult', answered: false, at: new Date() } };
    }
    const remote = negotiate(answered.remoteSdp, this.rtp.law);
    leg.updateRemote(remote ? remote.remote : null);
    if (remote && remote.law !== leg.law) {
      this.context.log.warn(
        { callId: this.callId, law: remote.law },
        'le secrétariat a répondu dans une autre loi G.711',
      );
    }
    leg.start();
    const relay = bridge(this.rtp, leg);
    await advanceCall(this.context.platform, this.callId, {
      type: 'transferResult',
      answered: true,
      at: new Date(),
    });
    const secretariatLeft = new Promise<void>((resolve) => answered.on('ended', () => resolve()));
    await Promise.race([this.gone, secretariatLeft]);
    relay.stop();
    await answered.hangup();
    leg.close();
    await this.hangUp();
    return null;
  }

  /** A number goes through the trunk; a SIP URI is called as it is. */
  private targetOf(to: string): string {
    if (/^sips?:/i.test(to)) return to;
    return `sip:${to}@${this.context.trunkHost ?? this.context.media.publicAddress}`;
  }

  private async hangUp(): Promise<void> {
    if (!this.hungUp) {
      this.hungUp = true;
      this.digits.close();
      this.onGone();
      await this.call.hangup().catch(() => undefined);
    }
    this.rtp.close();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
