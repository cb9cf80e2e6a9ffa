import * as client from 'openid-client';
import { z } from 'zod';
import type { Config } from '../config.ts';

/**
 * Sign-in through an OpenID Connect provider (ProConnect, the State's identity federation for
 * public agents): authorization code flow with PKCE, state and nonce. The provider only proves the
 * agent's address; the agent must already have an active account here (invited by an admin).
 */
export type OidcConfig = Pick<Config, 'oidc' | 'env' | 'baseUrl'>;

/** The scopes ProConnect documents for the address and the name (usual_name is the family name). */
export const OIDC_SCOPES = 'openid email given_name usual_name';

export const oidcRedirectUri = (config: Pick<Config, 'baseUrl'>) =>
  `${config.baseUrl}/connexion/proconnect/retour`;

/** What the browser keeps between leaving for the provider and coming back (in a signed cookie). */
export const pendingOidcSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  suite: z.string().optional(),
});
export type PendingOidc = z.infer<typeof pendingOidcSchema>;

/**
 * The provider's metadata is fetched once per process and kept: it is configuration, the same for
 * every visitor. A failed discovery is forgotten so the next sign-in tries again.
 */
const discovered = new Map<string, Promise<client.Configuration>>();

function providerConfiguration(config: OidcConfig): Promise<client.Configuration> {
  const oidc = config.oidc;
  if (!oidc) throw new Error('OIDC is not configured');
  const key = `${oidc.issuer}\n${oidc.clientId}`;
  let configuration = discovered.get(key);
  if (!configuration) {
    // Plain http is only tolerated for a provider on a developer's machine or in tests.
    const insecure = config.env !== 'production' && oidc.issuer.startsWith('http://');
    configuration = client.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}

/** Where to send the browser, and the secrets to keep until it comes back. */
export async function startOidcSignIn(
  config: OidcConfig,
  suite: string | undefined,
): Promise<{ url: string; pending: PendingOidc }> {
  const configuration = await providerConfiguration(config);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcRedirectUri(config),
    scope: OIDC_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, pending: { state, nonce, verifier, ...(suite ? { suite } : {}) } };
}

/**
 * Checks the provider's answer (state, PKCE, ID token signature, issuer, audience, nonce) and
 * returns the address it vouches for. The address comes from the ID token when the provider puts it
 * there, otherwise from the userinfo endpoint (ProConnect's way, as a signed JWT).
 */
export async function finishOidcSignIn(
  config: OidcConfig,
  callbackUrl: URL,
  pending: PendingOidc,
): Promise<{ subject: string; email: string | undefined }> {
  const configuration = await providerConfiguration(config);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('no ID token');
  let email = typeof claims.email === 'string' ? claims.email : undefined;
  if (!email) {
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email = typeof userinfo.email === 'string' ? userinfo.email : undefined;
  }
  return { subject: claims.sub, email: email?.trim().toLowerCase() };
}
