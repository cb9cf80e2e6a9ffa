// SIP over UDP: one socket, datagrams in and out, and the Via bookkeeping that routes responses
// back to where requests came from (RFC 3261 §18.2, RFC 3581 rport).
import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import { formatVia, parseVia, type SipUri } from './addresses.ts';
import {
  describe,
  getHeaders,
  parseMessage,
  type SipMessage,
  type SipRequest,
  serializeMessage,
} from './message.ts';

export type Endpoint = { address: string; port: number };

/** Pino's logger fits; so does a console wrapper. */
export type SipLogger = {
  debug(data: object, message?: string): void;
  info(data: object, message?: string): void;
  warn(data: object, message?: string): void;
};

export const silentLogger: SipLogger = { debug() {}, info() {}, warn() {} };

export type TransportOptions = {
  host: string;
  port: number;
  log?: SipLogger;
  /** Tests only: return true to drop an incoming message as if the network lost it. */
  dropIncoming?: (message: SipMessage, from: Endpoint) => boolean;
};

type TransportEvents = { message: [SipMessage, Endpoint] };

export class UdpTransport extends EventEmitter<TransportEvents> {
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    readonly local: Endpoint,
    private readonly log: SipLogger,
  ) {
    super();
  }

  static async open(options: TransportOptions): Promise<UdpTransport> {
    const log = options.log ?? silentLogger;
    const socket = createSocket({ type: isIP(options.host) === 6 ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const bound = socket.address();
    const transport = new UdpTransport(socket, { address: bound.address, port: bound.port }, log);
    socket.on('error', (error) => log.warn({ err: error }, 'sip: socket error'));
    socket.on('message', (data, rinfo) => {
      const from = { address: rinfo.address, port: rinfo.port };
      // Keep-alives from trunks and NAT helpers are bare CRLFs (RFC 5626 §3.5.1).
      if (data.toString('latin1').trim() === '') return;
      let message: SipMessage;
      try {
        message = parseMessage(data);
      } catch (error) {
        log.warn({ err: error, from }, 'sip: unparsable datagram dropped');
        return;
      }
      if (options.dropIncoming?.(message, from)) {
        log.debug({ from }, `sip: dropped (test) ${describe(message)}`);
        return;
      }
      if (message.kind === 'request') stampReceived(message, from);
      log.debug({ from }, `sip: received ${describe(message)}`);
      try {
        transport.emit('message', message, from);
      } catch (error) {
        // A bug in one call's handler must not take the socket (and every other call) down.
        log.warn({ err: error, from }, `sip: handling ${describe(message)} failed`);
      }
    });
    return transport;
  }

  send(message: SipMessage, to: Endpoint): void {
    if (this.closed) return; // a late retransmission after stop()
    this.log.debug({ to }, `sip: sent ${describe(message)}`);
    this.socket.send(serializeMessage(message), to.port, to.address, (error) => {
      if (error) this.log.warn({ err: error, to }, 'sip: send failed');
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/**
 * RFC 3261 §18.2.1 and RFC 3581 §4: note on the top Via where the request really came from, so the
 * response goes back through the same NAT binding.
 */
export function stampReceived(request: SipRequest, from: Endpoint): void {
  const index = request.headers.findIndex((h) => h.name === 'Via');
  const top = index >= 0 ? request.headers[index] : undefined;
  const via = top ? parseVia(top.value) : null;
  if (!top || !via) return;
  const wantsRport = 'rport' in via.params;
  if (via.host !== from.address || wantsRport) via.params.received = from.address;
  if (wantsRport) via.params.rport = String(from.port);
  top.value = formatVia(via);
}

/** Where a response to this request goes: the top Via's received/rport, else its sent-by. */
export function responseDestination(request: SipMessage, fallback: Endpoint): Endpoint {
  const top = getHeaders(request, 'Via')[0];
  const via = top ? parseVia(top) : null;
  if (!via) return fallback;
  const address = via.params.received ?? via.host.replace(/^\[(.*)\]$/, '$1');
  const rport = via.params.rport;
  const port = rport ? Number(rport) : (via.port ?? 5060);
  return { address, port };
}

/**
 * The address of a URI's host (A/AAAA lookup; no NAPTR/SRV: trunks give a host and port).
 * `maddr` wins over the host when present.
 */
export async function resolveUri(uri: SipUri): Promise<Endpoint> {
  const host = (uri.params.maddr ?? uri.host).replace(/^\[(.*)\]$/, '$1');
  const port = uri.port ?? (uri.scheme === 'sips' ? 5061 : 5060);
  if (isIP(host)) return { address: host, port };
  const { address } = await lookup(host, { family: 4 });
  return { address, port };
}
