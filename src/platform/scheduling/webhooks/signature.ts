import { createHmac } from 'node:crypto';
import { safeEqual } from '../../auth/tokens.ts';

/**
 * How webhook calls are signed, so that a receiver knows the call comes from Tremplin and was not
 * replayed. Each POST carries:
 *
 *   X-Tremplin-Event: appointment.created        (or .updated, .cancelled, .status_changed)
 *   X-Tremplin-Delivery: <uuid>                  (the same on every retry: deduplicate on it)
 *   X-Tremplin-Timestamp: 1767261600             (Unix seconds when this attempt was sent)
 *   X-Tremplin-Signature: sha256=<hex>           (HMAC-SHA256 of "<timestamp>.<raw body>" with the endpoint's secret)
 *
 * The receiver recomputes the HMAC over the timestamp, a dot and the body exactly as received (before
 * any JSON parsing), compares it in constant time, and refuses a timestamp more than 5 minutes away
 * from its clock. Signing the timestamp with the body stops an old call from being replayed later.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (used by our tests; integrators can copy the logic). */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isSafeInteger(timestamp) || !headers.signature) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return safeEqual(headers.signature, webhookSignature(secret, timestamp, body));
}
