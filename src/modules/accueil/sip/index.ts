// The SIP user agent's public surface, for the voice server (src/modules/accueil/voice).
export { formatUri, type NameAddr, parseNameAddr, parseUri, type SipUri } from './addresses.ts';
export {
  Call,
  type CallDirection,
  type CallEndReason,
  type CallEvents,
  type CallState,
  type TransferProgress,
} from './dialog/call.ts';
export { DialError, type DialFailure, Dialing, type DialOptions } from './dialog/dial.ts';
export type { DigestCredentials } from './digest.ts';
export { getHeader, getHeaders, type Header, type SipRequest } from './message.ts';
export type { RegisterOptions, Registration, RegistrationFailure } from './register.ts';
export type { SipTimers } from './transactions.ts';
export type { Endpoint, SipLogger } from './transport.ts';
export { startUserAgent, type UserAgent, type UserAgentEvents, type UserAgentOptions } from './user-agent.ts';
