import { e164FromProvider } from './phone.ts';
import { type SmsProvider, SmsProviderError, type SmsProviderEvent } from './provider.ts';

/**
 * Brevo transactional SMS, written against Brevo's public documentation:
 * - sending: https://developers.brevo.com/docs/transactional-sms-endpoints
 *   POST {BREVO_API_URL}/transactionalSMS/send (the endpoint that replaced /transactionalSMS/sms in
 *   May 2025: https://developers.brevo.com/changelog/deprecated-endpoint-post-v3transactionalsmssms),
 *   headers `accept: application/json`, `api-key: <key>`, `content-type: application/json`, JSON body
 *   { sender, recipient, content, type, unicodeEnabled, tag }; a successful 201 answers
 *   { "messageId": 1511882900176220 }; 400 is a bad request ({ code, message }).
 * - webhooks: https://developers.brevo.com/docs/transactional-webhooks (Transactional SMS events);
 *   each event carries `to` (the mobile, digits without "+"), `messageId`, `msg_status` (sent,
 *   delivered, soft_bounce, hard_bounce, …), `description`, `ts_event`, `reply` for answers; with
 *   "batched webhooks" Brevo posts an array of such events.
 *
 * Why Brevo: a French company (ex-Sendinblue) under the GDPR, with a public, documented HTTP API, an
 * alphanumeric sender ID, French and overseas numbers, and STOP replies handled and reported by webhook.
 * It is one of the SMS connectors that RDV-Solidarités (the State's appointment service for the
 * départements) offers its départements, so an administration may already hold an account.
 */
export function brevoProvider(options: { apiKey: string; apiUrl: string; timeoutMs?: number }): SmsProvider {
  const endpoint = `${options.apiUrl}/transactionalSMS/send`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: 'brevo',
    async send(sms) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'api-key': options.apiKey,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            sender: sms.sender,
            // Brevo's examples write the number with its country code and no "+" (33689965433).
            recipient: sms.to.replace(/^\+/, ''),
            content: sms.text,
            // "transactional": sent at any hour (Tremplin holds them itself, quiet-hours.ts); a
            // "marketing" SMS would be delayed by Brevo at night, on Sundays and public holidays.
            type: 'transactional',
            // false lets Brevo send in the GSM alphabet, replacing other characters; true keeps ê, œ…
            unicodeEnabled: sms.unicode,
            tag: sms.tag,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // Refused connection, DNS, timeout: Brevo may or may not have taken it; retrying is the
        // lesser harm (a rare duplicate rather than a lost invitation).
        throw new SmsProviderError(`Brevo injoignable : ${(error as Error).message}`, false);
      }
      const text = await response.text();
      const body = parseJson(text);
      if (response.ok) {
        const id = body && typeof body === 'object' ? (body as { messageId?: unknown }).messageId : undefined;
        // A 2xx means Brevo took the SMS: never retry it, even if the id is missing.
        return { providerMessageId: id === undefined || id === null ? undefined : String(id) };
      }
      const detail = describeError(body, text);
      // 400 and 422 are about this request (the number, the text, the sender): sending it again
      // cannot help. 401/403 (key), 402 (credit), 429 (rate), 5xx are fixed on Brevo's side or by an
      // administrator, after which the retries go through.
      const permanent = response.status === 400 || response.status === 422;
      throw new SmsProviderError(`Brevo a refusé le SMS (HTTP ${response.status}) : ${detail}`, permanent);
    },
  };
}

/**
 * Reads a Brevo transactional-SMS webhook call: one event or an array of events ("batched webhooks").
 * Events that change nothing for Tremplin (sent, accepted, subscribe, other replies) are left out.
 */
export function parseBrevoWebhook(body: unknown): SmsProviderEvent[] {
  const events = Array.isArray(body) ? body : [body];
  return events.flatMap((event) => (event && typeof event === 'object' ? readEvent(event) : []));
}

function readEvent(event: Record<string, unknown>): SmsProviderEvent[] {
  // Brevo writes the status as msg_status ("hard_bounce"); the event list names it "hardBounce".
  const status = String(event.msg_status ?? event.event ?? '')
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  const id = event.messageId ?? event.message_id;
  const providerMessageId = id === undefined || id === null || id === '' ? undefined : String(id);
  const reason = [event.description, event.reason, event.bounce_type, event.error_code]
    .filter((v) => v !== undefined && v !== null && v !== '')
    .map(String)
    .join(', ');

  switch (status) {
    case 'delivered':
      return providerMessageId ? [{ kind: 'delivered', providerMessageId }] : [];
    case 'hardbounce':
    case 'softbounce':
    case 'blacklisted':
    case 'blocked':
    case 'rejected':
    case 'skip':
    case 'skipped':
    case 'error':
      return providerMessageId
        ? [{ kind: 'failed', providerMessageId, reason: failureReason(status, reason) }]
        : [];
    case 'unsubscribe':
    case 'unsubscribed':
    case 'unsubscription': {
      const phone = phoneOf(event);
      return phone ? [{ kind: 'opted_out', phone, source: 'brevo:unsubscribe' }] : [];
    }
    case 'reply':
    case 'replied':
    case 'replies': {
      const phone = phoneOf(event);
      return phone && isStop(String(event.reply ?? event.text ?? ''))
        ? [{ kind: 'opted_out', phone, source: 'brevo:STOP' }]
        : [];
    }
    default:
      return [];
  }
}

/** "STOP", "Stop SMS", "arrêt": the words people send to stop receiving SMS in France. */
function isStop(reply: string): boolean {
  return /^\s*(stop|arr[eê]t)\b/i.test(reply.normalize('NFC'));
}

function phoneOf(event: Record<string, unknown>): string | undefined {
  for (const field of ['to', 'phoneNumber', 'phone_number', 'from', 'sender']) {
    const value = event[field];
    const phone =
      typeof value === 'string' || typeof value === 'number' ? e164FromProvider(String(value)) : undefined;
    if (phone) return phone;
  }
  return undefined;
}

function failureReason(status: string, detail: string): string {
  const label =
    status === 'softbounce'
      ? 'non distribué par l’opérateur (téléphone éteint ou injoignable trop longtemps)'
      : status === 'hardbounce'
        ? 'non distribué : numéro inexistant ou qui ne reçoit pas de SMS'
        : status === 'blacklisted' || status === 'blocked'
          ? 'bloqué par le fournisseur (numéro sur liste d’exclusion)'
          : 'refusé par le fournisseur';
  return detail ? `${label} (${detail})` : label;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeError(body: unknown, text: string): string {
  if (body && typeof body === 'object') {
    const { code, message } = body as { code?: unknown; message?: unknown };
    const parts = [code, message].filter((v) => typeof v === 'string' && v);
    if (parts.length) return parts.join(' – ');
  }
  return text.slice(0, 200) || 'réponse vide';
}
