import { hmac, safeEqual } from '../../../../platform/auth/tokens.ts';
import type { SimulatedCall } from './simulate.ts';

/**
 * The simulated call travels in the page, between clicks, as a hidden field: its JSON in base64url and
 * an HMAC of it with the server's secret (and the line's id, so a call cannot be replayed on another
 * line). Nothing is stored: the simulator records nothing. A field that does not verify is refused.
 */
const PURPOSE = 'accueil-simulateur';

export function signCall(secret: string, lineId: string, call: SimulatedCall): string {
  const payload = Buffer.from(JSON.stringify(call)).toString('base64url');
  return `${payload}.${hmac(secret, `${PURPOSE}:${lineId}:${payload}`)}`;
}

/** The call in a hidden field, or null when it was altered, cut, or signed for another line. */
export function verifyCall(secret: string, lineId: string, token: string | undefined): SimulatedCall | null {
  const [payload, signature, ...rest] = (token ?? '').split('.');
  if (!payload || !signature || rest.length > 0) return null;
  if (!safeEqual(signature, hmac(secret, `${PURPOSE}:${lineId}:${payload}`))) return null;
  try {
    const call = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SimulatedCall;
    return call && typeof call === 'object' && call.state && Array.isArray(call.transcript) ? call : null;
  } catch {
    return null;
  }
}
