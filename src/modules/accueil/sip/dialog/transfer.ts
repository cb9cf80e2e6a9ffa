// The vocabulary of transfer by REFER (RFC 3515): the headers we send, and the sipfrag progress the
// other side reports in NOTIFY requests.
import { formatUri, parseNameAddr, parseUri, targetUri } from '../addresses.ts';
import { getHeader, type Header, type SipRequest } from '../message.ts';

export type TransferProgress = {
  /** The status line of the sipfrag: 100/180 trying/ringing, 200 answered, 4xx-6xx failed. */
  status: number;
  reason: string;
  /** The subscription ended (Subscription-State: terminated) or the status is final. */
  final: boolean;
};

/**
 * Refer-To and Referred-By for a REFER inside a dialog. A bare number goes to the remote target's
 * host and port (the trunk that sent the call); null when the target makes no URI.
 */
export function referHeaders(target: string, remoteTarget: string, localAddress: string): Header[] | null {
  const remote = parseUri(remoteTarget);
  const remoteHost = remote ? `${remote.host}${remote.port === null ? '' : `:${remote.port}`}` : '';
  const uri = targetUri(target, remoteHost);
  if (!uri) return null;
  const local = parseNameAddr(localAddress);
  const headers = [{ name: 'Refer-To', value: `<${formatUri(uri)}>` }];
  if (local)
    headers.push({
      name: 'Referred-By',
      value: `<${formatUri({ ...local.uri, params: {}, headers: null })}>`,
    });
  return headers;
}

/** The progress a NOTIFY reports about our REFER, or null when it is about something else. */
export function transferProgressOf(notify: SipRequest): TransferProgress | null {
  const event = (getHeader(notify, 'Event') ?? '').toLowerCase();
  const type = (getHeader(notify, 'Content-Type') ?? '').toLowerCase();
  if (!event.startsWith('refer') || !type.startsWith('message/sipfrag')) return null;
  const m = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/im.exec(notify.body.trim());
  if (!m) return null;
  const status = Number(m[1]);
  const terminated = (getHeader(notify, 'Subscription-State') ?? '').toLowerCase().startsWith('terminated');
  return { status, reason: m[2]!.trim(), final: terminated || status >= 200 };
}
