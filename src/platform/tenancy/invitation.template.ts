import { type MembershipRole, roleLabels } from '../auth/actor.ts';
import type { MessageTemplate } from '../messaging/templates.ts';

/**
 * What the outbox keeps of an invitation. `path` holds the invitation's single-use token (7 days),
 * which the worker needs to render the email; login_tokens keeps only its hash. The territory's name
 * comes from the message's organisation when the email is rendered.
 */
export type InvitationMessage = {
  to: string;
  firstName: string | null;
  inviterName: string;
  organisationName: string;
  role: MembershipRole;
  /** /connexion/lien?jeton=…, put after the base URL when the email is rendered. */
  path: string;
  newAccount: boolean;
};

export const INVITATION_TEMPLATE = 'tenancy.invitation';

/**
 * The invitation email, in French and plain text (read on every kind of mail client). Essential: it is
 * how the person gets into their account.
 */
export const invitationTemplate: MessageTemplate<InvitationMessage> = {
  name: INVITATION_TEMPLATE,
  description: 'Invitation d’un agent à rejoindre une organisation',
  channel: 'email',
  essential: true,
  example: {
    to: 'lea.martin@exemple.fr',
    firstName: 'Léa',
    inviterName: 'Samia Benali',
    organisationName: 'UTS de La Seyne-sur-Mer',
    role: 'agent',
    path: '/connexion/lien?jeton=exemple-de-jeton',
    newAccount: true,
  },
  render(data, context) {
    const where = context.territoryName
      ? `« ${data.organisationName} » (${context.territoryName})`
      : `« ${data.organisationName} »`;
    const greeting = data.firstName ? `Bonjour ${data.firstName},` : 'Bonjour,';
    const text = [
      greeting,
      '',
      `${data.inviterName} vous invite à rejoindre ${where} sur Tremplin, la plateforme des startups de territoire, avec le rôle « ${roleLabels[data.role]} ».`,
      '',
      data.newAccount
        ? 'Pour accepter l’invitation et ouvrir votre compte, suivez ce lien :'
        : 'Vous avez déjà un compte sur Tremplin. Pour vous connecter et retrouver cette organisation, suivez ce lien :',
      `${context.baseUrl}${data.path}`,
      '',
      'Ce lien est valable 7 jours et ne sert qu’une fois. Ensuite, vous pourrez vous connecter à tout moment',
      `sur ${context.baseUrl}/connexion avec votre adresse ${data.to} : un nouveau lien vous sera envoyé.`,
      '',
      'Si vous ne vous attendiez pas à ce message, vous pouvez l’ignorer : sans clic sur le lien, rien ne se passe.',
      '',
      '— Tremplin',
    ].join('\n');
    return { subject: `Invitation à rejoindre ${data.organisationName} sur Tremplin`, text };
  },
};
