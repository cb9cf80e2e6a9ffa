import { hmac, safeEqual } from '../auth/tokens.ts';

export const UNSUBSCRIBE_PATH = '/messages/desabonnement';

/**
 * The List-Unsubscribe link of a non-essential email: the message id signed with the SECRET_KEY, so
 * that nobody can unsubscribe an address they did not receive mail at, and no login or CSRF token is
 * needed (mail clients' one-click unsubscribe, RFC 8058, posts with no cookie). The purpose is part of
 * what is signed, so this signature is good for nothing else.
 */
export function unsubscribeSignature(secretKey: string, messageId: string): string {
  return hmac(secretKey, `unsubscribe:${messageId}`);
}

export function unsubscribeUrl(config: { baseUrl: string; secretKey: string }, messageId: string): string {
  const query = new URLSearchParams({ m: messageId, sig: unsubscribeSignature(config.secretKey, messageId) });
  return `${config.baseUrl}${UNSUBSCRIBE_PATH}?${query}`;
}

export function isUnsubscribeSignatureValid(
  secretKey: string,
  messageId: string,
  signature: string,
): boolean {
  return safeEqual(unsubscribeSignature(secretKey, messageId), signature);
}
