import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that answers like Brevo's transactional-SMS API, for tests and `npm run bench`
 * (a test and benchmark tool: never used by the application itself). It checks every request the way
 * Brevo documents it (https://developers.brevo.com/docs/transactional-sms-endpoints): POST
 * /v3/transactionalSMS/send, headers `api-key` (the account key), `content-type: application/json`
 * and `accept: application/json`, a JSON body with `sender` (≤ 11 letters and digits, or ≤ 15
 * digits), `recipient` (6 to 15 digits, optional "+"), `content`, and the optional `type`
 * (transactional | marketing), `unicodeEnabled` (boolean), `tag` (a string or up to 10), `webUrl`,
 * `organisationPrefix`. A good request gets 201 { "messageId": <integer> }; a bad one 400
 * { code: "invalid_parameter", message }, a wrong key 401 { code: "unauthorized", message }.
 *
 * Nothing is faked in the application under test: it speaks HTTP to this server as it would to Brevo.
 * The test reads back what arrived (`requests`) and can make the next answers fail (`failNext`).
 */
export type BrevoStandinRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined if it was not JSON). */
  body: unknown;
  /** The messageId answered, when the request was accepted. */
  messageId?: number;
};

export type BrevoStandin = {
  /** What to put in BREVO_API_URL: http://127.0.0.1:<port>/v3 */
  apiUrl: string;
  /** Every request received, in order (unless started with keepRequests: false). */
  requests: BrevoStandinRequest[];
  /** Requests answered 201 (SMS accepted). */
  accepted(): number;
  /** The next `times` valid requests get this answer instead of 201 (e.g. 503, or 400 for a number). */
  failNext(status: number, body: unknown, times?: number): void;
  close(): Promise<void>;
};

const SEND_PATH = '/v3/transactionalSMS/send';
const KNOWN_FIELDS = new Set([
  'sender',
  'recipient',
  'content',
  'type',
  'tag',
  'webUrl',
  'unicodeEnabled',
  'organisationPrefix',
  'templateId',
  'params',
]);

export async function startBrevoStandin(
  options: { apiKey: string; keepRequests?: boolean; firstMessageId?: number } = { apiKey: 'test-api-key' },
): Promise<BrevoStandin> {
  const requests: BrevoStandinRequest[] = [];
  const failures: { status: number; body: unknown }[] = [];
  let nextMessageId = options.firstMessageId ?? 1_511_882_900_176_220;
  let acceptedCount = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const path = (request.url ?? '').split('?')[0]!;
      const record: BrevoStandinRequest = {
        method: request.method ?? '',
        path,
        headers: request.headers,
        body,
      };
      if (options.keepRequests !== false) requests.push(record);

      const answer = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(payload));
      };
      if (path !== SEND_PATH) return answer(404, { code: 'not_found', message: `${path} n'existe pas` });
      if (request.method !== 'POST') return answer(405, { code: 'method_not_allowed', message: 'POST only' });
      if (request.headers['api-key'] !== options.apiKey) {
        return answer(401, { code: 'unauthorized', message: 'Key not found' });
      }
      const problem =
        checkHeaders(request.headers) ?? (body === undefined ? 'body is not JSON' : checkBody(body));
      if (problem) return answer(400, { code: 'invalid_parameter', message: problem });
      const failure = failures.shift();
      if (failure) return answer(failure.status, failure.body);
      record.messageId = nextMessageId++;
      acceptedCount += 1;
      return answer(201, { messageId: record.messageId });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/v3`,
    requests,
    accepted: () => acceptedCount,
    failNext(status, body, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, body });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function checkHeaders(headers: IncomingHttpHeaders): string | undefined {
  if (!/^application\/json(;|$)/i.test(headers['content-type'] ?? '')) {
    return 'content-type must be application/json';
  }
  if (!/application\/json/i.test(headers.accept ?? '')) return 'accept must be application/json';
  return undefined;
}

function checkBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length) return `unknown parameters: ${unknown.join(', ')}`;
  const { sender, recipient, content, type, unicodeEnabled, tag } = fields;
  if (typeof sender !== 'string' || !/^([A-Za-z0-9]{1,11}|\d{1,15})$/.test(sender)) {
    return 'sender is invalid: 11 alphanumeric characters or 15 digits at most';
  }
  if (typeof recipient !== 'string' || !/^\+?\d{6,15}$/.test(recipient)) {
    return 'recipient is invalid: 6 to 15 digits, optionally prefixed with +';
  }
  if (typeof content !== 'string' || content.length === 0) return 'content is missing';
  if (type !== undefined && type !== 'transactional' && type !== 'marketing') {
    return 'type must be transactional or marketing';
  }
  if (unicodeEnabled !== undefined && typeof unicodeEnabled !== 'boolean')
    return 'unicodeEnabled must be a boolean';
  if (tag !== undefined) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.length > 10 || tags.some((t) => typeof t !== 'string' || t.length === 0)) {
      return 'tag must be a non-empty string or an array of at most 10 of them';
    }
  }
  return undefined;
}

/**
 * A transactional-SMS webhook event as Brevo posts it (https://developers.brevo.com/docs/transactional-webhooks):
 * `to` is the mobile without "+", `messageId` the id answered at sending, `msg_status` the event.
 * For tests and benchmarks that play Brevo's side of the webhook.
 */
export function brevoSmsEvent(
  fields: { to: string; messageId?: number | string; msg_status: string } & Record<string, unknown>,
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: 26527,
    status: 'OK',
    description: fields.msg_status,
    ts_event: now,
    date: '2025-01-14 10:00:00',
    reference: { '1': 'standin' },
    tag: ['tremplin'],
    type: 'transactional',
    ...fields,
    to: fields.to.replace(/^\+/, ''),
  };
}
