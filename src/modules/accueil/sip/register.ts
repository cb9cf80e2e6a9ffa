// Registration to an operator's registrar (RFC 3261 §10) with digest authentication, refreshed at
// 90 % of the granted expiry, retried with backoff after a failure, removed (Expires: 0) on stop.
import { EventEmitter } from 'node:events';
import { formatUri, newCallId, newTag, parseNameAddr, parseUri, type SipUri } from './addresses.ts';
import type { DigestCredentials } from './digest.ts';
import { getHeader, getHeaders, type Header, type SipRequest, type SipResponse } from './message.ts';
import { authorize, transact } from './requests.ts';
import type { SipTimers, TransactionLayer } from './transactions.ts';
import { resolveUri, type SipLogger } from './transport.ts';

export type RegisterOptions = {
  /** The registrar, e.g. `sip:sip.operateur.fr` or `sip:192.0.2.10:5060`. */
  registrar: string;
  username: string;
  password: string;
  /** Address of record (default `sip:<username>@<registrar host>`). */
  aor?: string;
  /** Requested expiry in seconds (default 600). */
  expires?: number;
  /** First retry delay after a failure in ms (default 5 000), doubled up to maxRetryMs (default 300 000). */
  retryMs?: number;
  maxRetryMs?: number;
};

export type RegistrationFailure = {
  /** The registrar's final status, or null when it did not answer. */
  status: number | null;
  reason: string;
  retryInMs: number;
};

export type RegistrationEvents = {
  registered: [info: { expires: number }];
  'registration-failed': [failure: RegistrationFailure];
};

export interface RegisterHost {
  readonly transactions: TransactionLayer;
  readonly timers: SipTimers;
  readonly log: SipLogger;
  readonly userAgent: string;
  newVia(): Header;
  contactFor(user: string): string;
}

export class Registration extends EventEmitter<RegistrationEvents> {
  state: 'registering' | 'registered' | 'failed' | 'stopped' = 'registering';
  private readonly registrar: SipUri;
  private readonly aor: string;
  private readonly callId: string;
  private readonly tag = newTag();
  private readonly contact: string;
  private readonly credentials: DigestCredentials;
  private seq = 0;
  private expires: number;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The last 401/407, reused with an increasing nc so refreshes need no new challenge. */
  private challenge: SipResponse | null = null;
  private nc = 0;

  constructor(
    private readonly host: RegisterHost,
    private readonly options: RegisterOptions,
  ) {
    super();
    const registrar = parseUri(options.registrar);
    if (!registrar) throw new Error(`sip: bad registrar URI ${options.registrar}`);
    this.registrar = registrar;
    this.aor = options.aor ?? `sip:${options.username}@${registrar.host}`;
    this.callId = newCallId(registrar.host);
    this.contact = host.contactFor(options.username);
    this.credentials = { username: options.username, password: options.password };
    this.expires = options.expires ?? 600;
  }

  start(): void {
    void this.refresh();
  }

  /** Stop refreshing and remove the binding (waits at most a few seconds for the registrar). */
  async stop(): Promise<void> {
    const wasRegistered = this.state === 'registered';
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!wasRegistered) return;
    const patience = Math.max(2000, 4 * this.host.timers.t1);
    await Promise.race([
      this.send(0).catch(() => null),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), patience).unref()),
    ]);
  }

  private async refresh(): Promise<void> {
    if (this.state === 'stopped') return;
    let response: SipResponse | null;
    try {
      response = await this.send(this.expires);
    } catch (error) {
      this.host.log.warn({ err: error }, 'sip: registrar unreachable');
      response = null;
    }
    if (this.stopped) return;
    if (response?.status === 423) {
      // Interval Too Brief: ask again with the registrar's minimum.
      const min = Number(getHeader(response, 'Min-Expires'));
      if (min > this.expires) {
        this.expires = min;
        return this.refresh();
      }
    }
    if (response && response.status >= 200 && response.status < 300) {
      const granted = this.grantedExpiry(response);
      this.failures = 0;
      this.state = 'registered';
      this.schedule(granted * 900); // 90 % of the expiry, in ms
      this.host.log.info({ registrar: this.options.registrar, expires: granted }, 'sip: registered');
      this.emit('registered', { expires: granted });
      return;
    }
    const retryMs = Math.min(
      (this.options.retryMs ?? 5000) * 2 ** this.failures,
      this.options.maxRetryMs ?? 300_000,
    );
    this.failures += 1;
    this.state = 'failed';
    this.schedule(retryMs);
    const failure = {
      status: response?.status ?? null,
      reason: response ? response.reason : 'no response',
      retryInMs: retryMs,
    };
    this.host.log.warn({ registrar: this.options.registrar, ...failure }, 'sip: registration failed');
    this.emit('registration-failed', failure);
  }

  private get stopped(): boolean {
    return this.state === 'stopped';
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  /** One REGISTER, answering a challenge: once, or twice when the nonce we reused was refused. */
  private async send(expires: number): Promise<SipResponse | null> {
    const destination = await resolveUri(this.registrar);
    let request = this.build(expires);
    let fresh = false;
    if (this.challenge) authorize(request, this.challenge, this.credentials, ++this.nc);
    for (;;) {
      const response = await transact(this.host.transactions, request, destination);
      if (!response || (response.status !== 401 && response.status !== 407)) return response;
      const retry = this.build(expires);
      const challenge = authorize(retry, response, this.credentials, 1);
      if (!challenge || (fresh && !challenge.stale)) return response;
      this.challenge = response;
      this.nc = 1;
      fresh = true;
      request = retry;
    }
  }

  private build(expires: number): SipRequest {
    this.seq += 1;
    return {
      kind: 'request',
      method: 'REGISTER',
      uri: formatUri({ ...this.registrar, user: null, password: null, headers: null }),
      headers: [
        this.host.newVia(),
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: `<${this.aor}>;tag=${this.tag}` },
        { name: 'To', value: `<${this.aor}>` },
        { name: 'Call-ID', value: this.callId },
        { name: 'CSeq', value: `${this.seq} REGISTER` },
        { name: 'Contact', value: this.contact },
        { name: 'Expires', value: String(expires) },
        { name: 'User-Agent', value: this.host.userAgent },
      ],
      body: '',
    };
  }

  /** Our Contact's expires in the 200 (§10.2.4), else its Expires header, else what we asked. */
  private grantedExpiry(response: SipResponse): number {
    const ours = parseNameAddr(this.contact)?.uri;
    for (const value of getHeaders(response, 'Contact')) {
      const addr = parseNameAddr(value);
      const same =
        addr && ours && addr.uri.host === ours.host && (addr.uri.port ?? 5060) === (ours.port ?? 5060);
      const expires = Number(addr?.params.expires);
      if (same && expires > 0) return expires;
    }
    const header = Number(getHeader(response, 'Expires'));
    return header > 0 ? header : this.expires;
  }
}
