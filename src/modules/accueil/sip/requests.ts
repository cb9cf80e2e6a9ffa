// Sending a non-INVITE request and waiting for its final response, answering digest challenges.
import {
  authorizationHeader,
  chooseChallenge,
  type DigestChallenge,
  type DigestCredentials,
} from './digest.ts';
import { getHeaders, type SipRequest, type SipResponse } from './message.ts';
import type { ClientCallbacks, TransactionLayer } from './transactions.ts';
import type { Endpoint } from './transport.ts';

/**
 * Add the Authorization (401) or Proxy-Authorization (407) answering the response's challenge.
 * Returns the challenge used, or null when there is none we can answer.
 */
export function authorize(
  request: SipRequest,
  challengeResponse: SipResponse,
  credentials: DigestCredentials,
  nc = 1,
): DigestChallenge | null {
  const proxy = challengeResponse.status === 407;
  const challenge = chooseChallenge(
    getHeaders(challengeResponse, proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate'),
  );
  if (!challenge) return null;
  const name = proxy ? 'Proxy-Authorization' : 'Authorization';
  request.headers = request.headers.filter((h) => h.name !== name);
  request.headers.push({
    name,
    value: authorizationHeader(challenge, credentials, request.method, request.uri, nc),
  });
  return challenge;
}

/** One client transaction, as a promise of its final response (null on timeout). */
export function transact(
  layer: TransactionLayer,
  request: SipRequest,
  destination: Endpoint,
  onProvisional?: ClientCallbacks['onProvisional'],
): Promise<SipResponse | null> {
  return new Promise((resolve) => {
    layer.sendRequest(request, destination, {
      ...(onProvisional ? { onProvisional } : {}),
      onFinal: resolve,
      onTimeout: () => resolve(null),
    });
  });
}

/**
 * Send a request built by `build` (called again for each attempt: a new branch and CSeq, §22.2) and
 * answer a 401/407 once — twice when the server says the nonce was stale.
 */
export async function requestWithAuth(
  layer: TransactionLayer,
  build: () => SipRequest,
  destination: Endpoint,
  credentials: DigestCredentials | undefined,
): Promise<SipResponse | null> {
  let request = build();
  for (let attempt = 0; ; attempt++) {
    const response = await transact(layer, request, destination);
    if (!response || !credentials || (response.status !== 401 && response.status !== 407)) return response;
    const retry = build();
    const challenge = authorize(retry, response, credentials);
    if (!challenge || (attempt > 0 && !challenge.stale) || attempt > 1) return response;
    request = retry;
  }
}
