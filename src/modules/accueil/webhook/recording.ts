/**
 * Fetching a voicemail the provider recorded (<Record>): its RecordingUrl, as WAV.
 *
 * - Twilio serves a recording as WAV when « .wav » is appended to RecordingUrl; an address that
 *   already names a file (.wav, or .mp3 that we ask as .wav) is used as it is, with .wav.
 * - Credentials are only sent when the provider asks for them (401 with a Basic challenge), the way
 *   Twilio itself answers a protected address: a provider that hands out pre-signed storage links
 *   (Telnyx) refuses a request that carries a second authentication. With Twilio the user is the
 *   account (AccountSid, sent with every webhook) and the password its auth token, which is the
 *   line's webhook secret.
 * - A recording may not be downloadable the instant the provider reports it (Twilio documents this):
 *   a 404, a 5xx or a network error are tried again, twice, within the provider's 15-second webhook
 *   timeout. Anything else, or a body that is not a WAV, is a failure: null.
 * - At most MAX_BYTES are read: a two-minute message is about 2 MB of 16-bit PCM.
 */
export type RecordingFetchOptions = {
  credentials?: { username: string; password: string } | null;
  /** Pauses before the second and third tries. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  maxBytes?: number;
};

export const MAX_RECORDING_BYTES = 20 * 1024 * 1024;
const RETRY_DELAYS_MS = [500, 1500];
const TIMEOUT_MS = 4000;

export type RecordingResult = { ok: true; wav: Buffer } | { ok: false; reason: string };

/** The address of the recording as a WAV file. */
export function wavAddress(recordingUrl: string): URL | null {
  let url: URL;
  try {
    url = new URL(recordingUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (/\.mp3$/i.test(url.pathname)) url.pathname = url.pathname.replace(/\.mp3$/i, '.wav');
  else if (!/\.wav$/i.test(url.pathname)) url.pathname = `${url.pathname}.wav`;
  return url;
}

export function isWav(data: Buffer): boolean {
  return (
    data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WAVE'
  );
}

export async function fetchRecording(
  recordingUrl: string,
  options: RecordingFetchOptions = {},
): Promise<RecordingResult> {
  const url = wavAddress(recordingUrl);
  if (!url) return { ok: false, reason: 'adresse d’enregistrement invalide' };
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let reason = '';
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    const result = await tryOnce(url, options);
    if (result.ok) return result;
    reason = result.reason;
    if (!result.retry) break;
  }
  return { ok: false, reason };
}

type Attempt = { ok: true; wav: Buffer } | { ok: false; reason: string; retry: boolean };

async function tryOnce(url: URL, options: RecordingFetchOptions): Promise<Attempt> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  try {
    let response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (response.status === 401 && options.credentials && /^basic/i.test(challenge)) {
      await response.body?.cancel();
      const { username, password } = options.credentials;
      response = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    }
    if (!response.ok) {
      await response.body?.cancel();
      const retry = response.status === 404 || response.status >= 500;
      return { ok: false, reason: `HTTP ${response.status}`, retry };
    }
    const wav = await readAtMost(response, options.maxBytes ?? MAX_RECORDING_BYTES);
    if (!wav) return { ok: false, reason: 'enregistrement trop volumineux', retry: false };
    if (!isWav(wav)) return { ok: false, reason: 'le fichier reçu n’est pas un WAV', retry: false };
    return { ok: true, wav };
  } catch (error) {
    return { ok: false, reason: (error as Error).message || String(error), retry: true };
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(Buffer.from(value));
  }
}
