import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email as the SMTP server received it (after the final "." of DATA, before its 250). */
export type ReceivedMail = { messageId: string | undefined; recipients: string[]; raw?: Buffer };

export type SmtpSinkOptions = {
  /** A fixed port (to bring a server back where the senders expect it); a free one by default. */
  port?: number;
  /** Keep each message's bytes (tests parse them); benchmarks keep only the Message-ID. */
  keepRaw?: boolean;
  /**
   * The code to refuse a recipient with at RCPT TO, or undefined to accept it: 550 as a server refuses
   * an unknown mailbox for good, 451 as a greylisting server asks to try again later.
   */
  rcptCode?: (recipient: string) => number | undefined;
  /**
   * Called with the count so far each time a message has arrived in full, before the server answers
   * 250: a crash test kills the sender here, when a message is received but not yet acknowledged.
   */
  beforeReply?: (received: number) => void;
};

/**
 * A real SMTP server for tests and benchmarks (npm smtp-server), keeping what it receives. A message
 * counts once its DATA has ended: a sender killed mid-message (its connection closed before the final
 * ".") leaves nothing here, as with a real server. Duplicates are judged by Message-ID, which the
 * email channel derives from the outbox id: `copies` counts how many times each one arrived.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}) {
  const received: ReceivedMail[] = [];
  const copies = new Map<string, number>();
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Many pooled connections at once from several workers: no per-IP limit, no greeting delay.
    maxClients: 1000,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const code = options.rcptCode?.(address.address);
      if (code) {
        const text = code >= 500 ? 'Boîte aux lettres inconnue' : 'Réessayez plus tard';
        callback(Object.assign(new Error(text), { responseCode: code }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => {}); // sender gone mid-message: nothing was received
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const messageId = messageIdOf(raw);
        received.push({
          messageId,
          recipients: session.envelope.rcptTo.map((r) => r.address),
          ...(options.keepRaw ? { raw } : {}),
        });
        if (messageId) copies.set(messageId, (copies.get(messageId) ?? 0) + 1);
        lastAt = Date.now();
        firstAt ??= lastAt;
        options.beforeReply?.(received.length);
        callback();
      });
    },
  });
  server.on('error', () => {}); // a client resetting its connection is not the server's failure
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    copies,
    /** Distinct Message-IDs received. */
    distinct: () => copies.size,
    /** Messages received more than once (the extra copies), e.g. resent after a worker was killed. */
    resent: () => received.length - copies.size,
    /** Milliseconds between the first and the last message received. */
    span: () => (firstAt !== undefined && lastAt !== undefined ? lastAt - firstAt : 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** The Message-ID header of a raw message (header section only; folded headers allowed). */
export function messageIdOf(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const header = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  return /^message-id:\s*(<[^>]+>)/im.exec(header)?.[1];
}
