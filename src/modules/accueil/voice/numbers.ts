import { callerNumberOf } from '../flow/phone.ts';
import { parseNameAddr, parseUri } from '../sip/addresses.ts';
import type { Call } from '../sip/dialog/call.ts';
import { getHeader } from '../sip/message.ts';

/**
 * The numbers of an incoming SIP call. Trunks put the number dialled in the Request-URI's user part
 * (sometimes only in To) and the caller's in P-Asserted-Identity when they assert it, else in From;
 * a withheld number comes as 'anonymous' (or with Privacy: id), which gives null.
 */
export function dialledNumber(call: Call): string | null {
  return callerNumberOf(parseUri(call.requestUri)?.user ?? null) ?? callerNumberOf(call.to.uri.user);
}

export function presentedCallerNumber(call: Call): string | null {
  const privacy = getHeader(call.invite, 'Privacy')?.toLowerCase() ?? '';
  if (/\bid\b/.test(privacy)) return null;
  const asserted = getHeader(call.invite, 'P-Asserted-Identity');
  const fromAsserted = asserted ? parseNameAddr(asserted)?.uri.user : null;
  return callerNumberOf(fromAsserted ?? call.from.uri.user);
}
