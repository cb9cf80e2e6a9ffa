import { hmac, safeEqual } from '../../../platform/auth/tokens.ts';
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { resolvePrompt } from './audio.ts';

/**
 * The address a hosted voice provider fetches for <Play>: /accueil/annonces/<lineId>/<key>.wav?v=…&s=…
 *
 * Decision: signed rather than only rate-limited. Prompts are not personal data, but an open route
 * would let anyone make the server synthesise (espeak + sox, a few hundred ms of CPU) for any line,
 * and the platform's rate limit costs a database write per request — more than serving a prompt from
 * memory, for a provider that fetches it on every call. The signature, HMAC-SHA256(SECRET_KEY,
 * "accueil-annonce:<lineId>:<key>"), is checked before anything else and never expires (nothing to
 * revoke: changing SECRET_KEY changes every link). `v`, the prompt's version, is not signed: it only
 * makes the address change when the prompt does, so that the provider's cache fetches the new audio.
 * Digits (a caller's number) are never served here: that would put personal data in an address.
 */
const PURPOSE = 'accueil-annonce';

export function promptSignature(secretKey: string, lineId: string, key: string): string {
  return hmac(secretKey, `${PURPOSE}:${lineId}:${key}`);
}

export function verifyPromptSignature(
  secretKey: string,
  lineId: string,
  key: string,
  signature: string,
): boolean {
  return signature.length < 200 && safeEqual(signature, promptSignature(secretKey, lineId, key));
}

/** The path, without the instance's address; `version` from resolvePrompt (omit it and caches live 5 minutes). */
export function signedPromptPath(secretKey: string, lineId: string, key: string, version?: string): string {
  const query = new URLSearchParams({
    ...(version ? { v: version } : {}),
    s: promptSignature(secretKey, lineId, key),
  });
  return `/accueil/annonces/${lineId}/${encodeURIComponent(key)}.wav?${query}`;
}

/** The full address of a prompt for <Play>, with its current version (one small query). */
export async function promptPlayUrl(
  platform: { config: Pick<Config, 'baseUrl' | 'secretKey'>; database: { db: Db } },
  lineId: string,
  key: string,
): Promise<string> {
  const { version } = await resolvePrompt(platform.database.db, lineId, key);
  return `${platform.config.baseUrl}${signedPromptPath(platform.config.secretKey, lineId, key, version)}`;
}
