import type { MessageTemplate } from '../messaging/templates.ts';
import { signInEmail } from './views/sign-in-email.tsx';

/**
 * What the outbox keeps of a sign-in email. `path` holds the link's single-use token: the outbox row
 * must hold it, since the worker renders the email after the request. It signs in once, for 15
 * minutes; the login_tokens table keeps only its hash, and the token is never written to the logs.
 */
export type SignInMessage = {
  firstName: string;
  /** /connexion/lien?jeton=…[&suite=…], put after the base URL when the email is rendered. */
  path: string;
  /** ISO 8601: the outbox stores data as JSON. */
  expiresAt: string;
  validityMinutes: number;
};

export const SIGN_IN_TEMPLATE = 'auth.sign-in';

/** Essential: an agent who unsubscribed from other mail still gets the links they ask for. */
export const signInTemplate: MessageTemplate<SignInMessage> = {
  name: SIGN_IN_TEMPLATE,
  description: 'Lien de connexion demandé par un agent',
  channel: 'email',
  essential: true,
  example: {
    firstName: 'Samia',
    path: '/connexion/lien?jeton=exemple-de-jeton',
    expiresAt: '2025-07-01T12:45:00.000Z',
    validityMinutes: 15,
  },
  render: (data, context) =>
    signInEmail({
      firstName: data.firstName,
      url: `${context.baseUrl}${data.path}`,
      expiresAt: new Date(data.expiresAt),
      validityMinutes: data.validityMinutes,
    }),
};
