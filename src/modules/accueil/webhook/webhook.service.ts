import type { Platform } from '../../../platform/platform.ts';
import type { MediaAction } from '../calls/call-state.ts';
import { advanceCall, openCall } from '../calls/calls.service.ts';
import { findLine, findLineByNumber } from '../lines.repository.ts';
import { g711Wav } from '../media/wav.ts';
import { resolvePrompt, UnknownPromptError } from '../prompts/audio.ts';
import { signedPromptPath } from '../prompts/public-link.ts';
import type { Line } from '../tables.ts';
import {
  type ActionKind,
  callerNumberOf,
  dialledNumberOf,
  eventOfAction,
  eventOfStatus,
  isActionKind,
  param,
} from './events.ts';
import { fetchRecording, type RecordingFetchOptions } from './recording.ts';
import { renderApology, renderEmpty, renderTwiml, type SpokenPrompt } from './render.ts';
import { type FormParams, isValidTwilioSignature } from './signature.ts';
import { findWebhookCall, findWebhookCallBySid, type WebhookCall } from './webhook.repository.ts';

/**
 * A hosted voice provider (Twilio, SignalWire, Telnyx TeXML) drives the line's calls through three
 * webhooks; each answer is the TwiML of the engine's next media actions (render.ts).
 *
 * Authentication: every request is signed with the line's webhook secret (signature.ts) over the
 * address the provider requested — ours, BASE_URL + path, whatever Host a proxy hands us. A line
 * without a secret refuses webhooks. An event about a call is checked with the secret of that call's
 * line, and its CallSid must be the call's: a request signed for one line cannot move another's call.
 * A request we cannot attribute (no such line, no such call) is answered politely (the caller hears
 * why the call ends) without being authenticated: the answer reveals nothing and changes nothing.
 *
 * Retries: a provider that times out sends the same request again.
 * - The incoming call: openCall is idempotent on the CallSid and answers the call's current actions.
 * - Events: every address we hand out carries `n`, the number of events applied when it was written
 *   (CallState.seq). A request whose `n` is not the call's current one is a replay: it is answered with
 *   the call's current actions and changes nothing; advanceCall checks `n` again under the call's row
 *   lock, so two copies arriving together cannot both advance it. The recording is only fetched for a
 *   current `n`.
 * - Status callbacks: a hangup applied twice is a no-op (the call has ended).
 *
 * A caller hanging up during a voicemail or a transfer makes the provider send two requests at once:
 * the Record or Dial action (the message, or « the secretariat answered ») and the status callback
 * (« completed »). Applied first, the hangup would settle the call as « raccroché » and lose the
 * message. So a status callback that finds the call waiting on a Record or a Dial waits, at most
 * STATUS_GRACE_MS, for that action to be applied before it applies the hangup.
 */
export type WebhookRequest = {
  /** The address the provider requested: BASE_URL + path and query string. */
  url: string;
  params: FormParams;
  signature: string | undefined;
  at: Date;
};

export type WebhookAnswer = { status: 200 | 403 | 500; xml: string };

export type WebhookLog = {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
};

export type WebhookOptions = {
  /** How long a status callback waits for a pending Record or Dial action (see above). */
  statusGraceMs?: number;
  recording?: RecordingFetchOptions;
};

/** Longer than the recording fetch's worst case (3 × 4 s + pauses), shorter than the provider's 15 s timeout. */
export const STATUS_GRACE_MS = 14_000;
const STATUS_POLL_MS = 200;

export const APOLOGY = {
  unknownLine: 'Ce numéro n’est relié à aucun service. Merci de vérifier le numéro appelé. Au revoir.',
  unknownCall: 'Votre appel ne peut pas être poursuivi. Merci de rappeler. Au revoir.',
  failure:
    'Une difficulté technique nous empêche de répondre à votre appel. Merci de rappeler dans quelques minutes. Au revoir.',
} as const;

const refused = (): WebhookAnswer => ({ status: 403, xml: renderEmpty() });
const apology = (message: string): WebhookAnswer => ({ status: 200, xml: renderApology(message) });
const nothing = (): WebhookAnswer => ({ status: 200, xml: renderEmpty() });

export function eventAddress(baseUrl: string, callId: string, seq: number, kind: ActionKind): string {
  return `${baseUrl}/accueil/webhook/voix/${callId}/evenement?n=${seq}&k=${kind}`;
}

function isSignedFor(line: Line, request: WebhookRequest): boolean {
  return (
    line.webhookSecret !== null &&
    line.webhookSecret !== '' &&
    isValidTwilioSignature(line.webhookSecret, request.url, request.params, request.signature)
  );
}

/** POST /accueil/webhook/voix: a call comes in on the line whose number is `To`. */
export async function answerIncomingCall(
  platform: Platform,
  log: WebhookLog,
  request: WebhookRequest,
): Promise<WebhookAnswer> {
  const { db } = platform.database;
  const dialled = dialledNumberOf(request.params);
  const line = dialled ? await findLineByNumber(db, dialled) : undefined;
  if (!dialled || !line) {
    log.warn({ to: param(request.params, 'To') }, 'webhook voix : aucune ligne pour ce numéro');
    return apology(APOLOGY.unknownLine);
  }
  if (!isSignedFor(line, request)) {
    log.warn({ lineId: line.id, secret: line.webhookSecret !== null }, 'webhook voix : signature refusée');
    return refused();
  }
  const callSid = param(request.params, 'CallSid');
  if (!callSid) {
    log.warn({ lineId: line.id }, 'webhook voix : appel sans CallSid');
    return apology(APOLOGY.unknownCall);
  }
  const progress = await openCall(platform, {
    channel: 'webhook',
    externalId: callSid,
    dialled,
    callerNumber: callerNumberOf(request.params),
    at: request.at,
  });
  if (!progress) return apology(APOLOGY.unknownLine);
  return answerWith(platform, log, progress.lineId, progress.callId, progress.seq, progress.actions);
}

/** POST /accueil/webhook/voix/:callId/evenement?n=&k=: a Gather, Dial or Record is over. */
export async function answerCallEvent(
  platform: Platform,
  log: WebhookLog,
  callId: string,
  query: { n?: unknown; k?: unknown },
  request: WebhookRequest,
  options: WebhookOptions = {},
): Promise<WebhookAnswer> {
  const { db } = platform.database;
  const call = await findWebhookCall(db, callId);
  const line = call ? await findLine(db, call.lineId) : undefined;
  if (!call || !line) {
    log.warn({ callId }, 'webhook voix : appel inconnu');
    return apology(APOLOGY.unknownCall);
  }
  if (!isSignedFor(line, request) || param(request.params, 'CallSid') !== call.externalId) {
    log.warn({ callId, lineId: line.id }, 'webhook voix : signature refusée');
    return refused();
  }
  const seq = typeof query.n === 'string' && /^\d{1,9}$/.test(query.n) ? Number(query.n) : null;
  const kind = query.k;
  if (seq === null || !isActionKind(kind) || seq !== call.seq || call.ended) {
    // A retry of a request already applied (or an address we never wrote): the call as it stands.
    log.info({ callId, n: query.n, seq: call.seq, ended: call.ended }, 'webhook voix : requête rejouée');
    if (kind === 'record' && param(request.params, 'RecordingUrl') && call.ended) {
      log.warn({ callId }, 'webhook voix : message vocal reçu après la fin de l’appel, non conservé');
    }
    return answerWith(platform, log, call.lineId, call.id, call.seq, call.actions);
  }
  const { event, recording } = eventOfAction(kind, request.params, request.at);
  let voicemail: { wav: Buffer; durationMs: number } | undefined;
  if (recording && event.type === 'recorded') {
    const accountSid = param(request.params, 'AccountSid');
    const fetched = await fetchRecording(recording.url, {
      ...options.recording,
      credentials:
        accountSid && line.webhookSecret ? { username: accountSid, password: line.webhookSecret } : null,
    });
    if (fetched.ok) {
      voicemail = { wav: fetched.wav, durationMs: recording.durationMs };
    } else {
      // Decision: the caller did leave a message, so the call keeps its outcome « message vocal » and
      // the voicemail row (caller, service, duration) exists for the agents to call back; its audio is a
      // WAV with no samples. The provider keeps the recording: the address is logged to fetch it by hand.
      log.error(
        { callId, recordingUrl: recording.url, reason: fetched.reason },
        'webhook voix : enregistrement du message vocal impossible à récupérer',
      );
      voicemail = { wav: g711Wav(Buffer.alloc(0), 'ulaw'), durationMs: recording.durationMs };
    }
  }
  const progress = await advanceCall(platform, call.id, event, { seq, ...(voicemail ? { voicemail } : {}) });
  if (!progress) return apology(APOLOGY.unknownCall);
  return answerWith(platform, log, progress.lineId, progress.callId, progress.seq, progress.actions);
}

/**
 * POST /accueil/webhook/voix/statut (the number's status callback, found by To and CallSid) and
 * /accueil/webhook/voix/:callId/statut: the call is over when the status is final.
 */
export async function recordCallStatus(
  platform: Platform,
  log: WebhookLog,
  callId: string | null,
  request: WebhookRequest,
  options: WebhookOptions = {},
): Promise<WebhookAnswer> {
  const { db } = platform.database;
  const callSid = param(request.params, 'CallSid');
  let line: Line | undefined;
  let call: WebhookCall | undefined;
  if (callId !== null) {
    call = await findWebhookCall(db, callId);
    line = call ? await findLine(db, call.lineId) : undefined;
  } else {
    const dialled = dialledNumberOf(request.params);
    line = dialled ? await findLineByNumber(db, dialled) : undefined;
  }
  if (!line) {
    log.warn({ callId }, 'webhook statut : appel ou ligne inconnus');
    return nothing();
  }
  if (!isSignedFor(line, request) || (call && callSid !== call.externalId)) {
    log.warn({ callId, lineId: line.id }, 'webhook statut : signature refusée');
    return refused();
  }
  call ??= callSid ? await findWebhookCallBySid(db, line.id, callSid) : undefined;
  const event = eventOfStatus(request.params, request.at);
  if (!call || !event || call.ended) return nothing();
  if (awaitsProviderAction(call.actions)) {
    await waitForNextEvent(platform, call, options.statusGraceMs ?? STATUS_GRACE_MS);
  }
  await advanceCall(platform, call.id, event);
  return nothing();
}

function awaitsProviderAction(actions: MediaAction[]): boolean {
  return actions.some((a) => a.type === 'record' || a.type === 'transfer');
}

async function waitForNextEvent(platform: Platform, call: WebhookCall, graceMs: number): Promise<void> {
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
    const now = await findWebhookCall(platform.database.db, call.id);
    if (!now || now.ended || now.seq !== call.seq) return;
  }
}

/** The TwiML of these actions, prompts resolved: a recording is played from its signed address, a text is said. */
async function answerWith(
  platform: Platform,
  log: WebhookLog,
  lineId: string,
  callId: string,
  seq: number,
  actions: MediaAction[],
): Promise<WebhookAnswer> {
  const { baseUrl, secretKey } = platform.config;
  const keys = new Set<string>();
  for (const action of actions) {
    if (action.type !== 'play' && action.type !== 'gather') continue;
    for (const ref of action.prompts) if ('prompt' in ref) keys.add(ref.prompt);
  }
  const spoken = new Map<string, SpokenPrompt>();
  for (const key of keys) {
    try {
      const resolved = await resolvePrompt(platform.database.db, lineId, key);
      spoken.set(
        key,
        resolved.kind === 'recording'
          ? { audioUrl: `${baseUrl}${signedPromptPath(secretKey, lineId, key, resolved.version)}` }
          : { text: resolved.text },
      );
    } catch (error) {
      if (!(error instanceof UnknownPromptError)) throw error;
      // A flow naming a prompt nobody wrote (the admin's validation should have caught it): skip it.
      log.warn({ lineId, key }, 'webhook voix : annonce inconnue, passée');
    }
  }
  const xml = renderTwiml(actions, {
    actionUrl: (kind) => eventAddress(baseUrl, callId, seq, kind),
    prompt: (key) => spoken.get(key) ?? { text: '' },
  });
  return { status: 200, xml };
}

/** What the caller hears when something failed on our side: better than the provider's silence. */
export function failureAnswer(): WebhookAnswer {
  return apology(APOLOGY.failure);
}

/** A status callback that failed: nobody hears it, and a 500 lets a provider that retries do so. */
export function failedStatusAnswer(): WebhookAnswer {
  return { status: 500, xml: renderEmpty() };
}
