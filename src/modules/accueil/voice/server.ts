import { randomInt } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import { openCall } from '../calls/calls.service.ts';
import { answerSdp, negotiate } from '../media/sdp.ts';
import { RtpSession } from '../media/session.ts';
import { parseUri } from '../sip/addresses.ts';
import type { Call } from '../sip/dialog/call.ts';
import type { SipLogger } from '../sip/transport.ts';
import { startUserAgent, type UserAgent } from '../sip/user-agent.ts';
import { dialledNumber, presentedCallerNumber } from './numbers.ts';
import { VoiceCall, type VoiceContext } from './voice-call.ts';

export type VoiceServerOptions = {
  host: string;
  port: number;
  publicAddress: string;
  rtpPorts: { min: number; max: number };
  trunk?: { uri: string; username: string; password: string; registerSeconds: number } | undefined;
  transfer: 'refer' | 'bridge';
  log: SipLogger & { error(data: object, message?: string): void };
};

export type VoiceServer = {
  ua: UserAgent;
  /** Called with each answered call's media session (the bench reads its send times). */
  onCall?: (rtp: RtpSession) => void;
  stop(): Promise<void>;
};

/**
 * The phone reception's voice server: a SIP user agent on UDP that an operator's trunk (or SIPp,
 * baresip…) sends calls to. Each call is answered in G.711 with RFC 4733 keys, recorded by
 * calls.service and driven by the line's flow (VoiceCall). With a trunk configured it registers to it
 * with digest authentication and keeps the registration fresh.
 */
export async function startVoiceServer(
  platform: Platform,
  options: VoiceServerOptions,
): Promise<VoiceServer> {
  const ua = await startUserAgent({
    host: options.host,
    port: options.port,
    publicAddress: options.publicAddress,
    userAgent: 'Tremplin accueil',
    log: options.log,
    ...(options.trunk
      ? { credentials: { username: options.trunk.username, password: options.trunk.password } }
      : {}),
  });
  const trunkHost = options.trunk ? hostOf(options.trunk.uri) : null;
  const context: VoiceContext = {
    platform,
    ua,
    media: { host: options.host, publicAddress: options.publicAddress, ports: options.rtpPorts },
    transfer: options.transfer,
    trunkHost,
    log: options.log,
  };
  const running = new Set<Promise<void>>();
  const server: VoiceServer = {
    ua,
    async stop() {
      await ua.stop();
      await Promise.allSettled([...running]);
    },
  };

  ua.on('invite', (call) => {
    const handling = answer(context, call, server).catch((error: unknown) => {
      options.log.error({ err: error, callId: call.callId }, 'appel entrant non traité');
      call.reject(500);
    });
    running.add(handling);
    void handling.finally(() => running.delete(handling));
  });
  ua.on('registered', (info) => options.log.info(info, 'enregistré auprès de l’opérateur'));
  ua.on('registration-failed', (failure) =>
    options.log.error(failure, 'enregistrement auprès de l’opérateur refusé'),
  );
  if (options.trunk) {
    ua.register({
      registrar: options.trunk.uri,
      username: options.trunk.username,
      password: options.trunk.password,
      expires: options.trunk.registerSeconds,
    });
  }
  return server;
}

async function answer(context: VoiceContext, call: Call, server: VoiceServer): Promise<void> {
  const offer = negotiate(call.sdpOffer);
  if (!offer) {
    call.reject(488, 'Not Acceptable Here');
    return;
  }
  const dialled = dialledNumber(call);
  const progress = dialled
    ? await openCall(context.platform, {
        channel: 'sip',
        externalId: call.callId,
        dialled,
        callerNumber: presentedCallerNumber(call),
        at: new Date(),
      })
    : null;
  if (!progress) {
    call.reject(404, 'Not Found');
    return;
  }
  const rtp = await RtpSession.open({
    host: context.media.host,
    ports: context.media.ports,
    law: offer.law,
    payloadType: offer.payloadType,
    dtmfPayloadType: offer.dtmfPayloadType,
    remote: offer.remote,
  });
  server.onCall?.(rtp);
  const voice = new VoiceCall(context, call, rtp, progress.callId, progress.lineId);
  const answered = call.answer(
    answerSdp({
      address: context.media.publicAddress,
      port: rtp.port,
      law: offer.law,
      payloadType: offer.payloadType,
      dtmfPayloadType: offer.dtmfPayloadType,
      sessionId: randomInt(1, 2 ** 31),
      answerDirection: offer.answerDirection,
      streams: offer.streams,
      streamIndex: offer.streamIndex,
    }),
  );
  // The caller gave up (CANCEL) while the call was being opened: it ends now, with its ticket if any.
  await voice.run(answered ? progress.actions : [], progress.seq);
}

function hostOf(uri: string): string | null {
  const parsed = parseUri(uri);
  if (!parsed) return null;
  return parsed.port ? `${parsed.host}:${parsed.port}` : parsed.host;
}
