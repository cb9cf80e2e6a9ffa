import { createHmac, timingSafeEqual } from 'node:crypto';

/** A form body as @fastify/formbody parses it: a key sent twice becomes an array. */
export type FormParams = Record<string, string | string[]>;

/**
 * The X-Twilio-Signature of a request, as Twilio documents it
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security) and as SignalWire and Telnyx TeXML
 * reproduce it: base64 of HMAC-SHA1, keyed with the shared secret, of the full URL the provider
 * requested (query string included) followed by every POST parameter sorted by name, each written as
 * name then value with no separator. A name sent several times contributes each of its values, sorted.
 * Names sort by UTF-16 code units (« Unix-style case-sensitive »: uppercase before lowercase).
 */
export function twilioSignature(secret: string, url: string, params: FormParams): string {
  let signed = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = Array.isArray(value) ? [...value].sort() : [value ?? ''];
    for (const v of values) signed += name + v;
  }
  return createHmac('sha1', secret).update(signed, 'utf8').digest('base64');
}

/**
 * Whether the header is the signature of this request, compared in constant time (the length of a
 * base64 SHA-1 is public, so comparing lengths first leaks nothing).
 */
export function isValidTwilioSignature(
  secret: string,
  url: string,
  params: FormParams,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(secret, url, params));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
