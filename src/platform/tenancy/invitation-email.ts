import { type MembershipRole, roleLabels } from '../auth/actor.ts';
import type { Email } from '../messaging/mailer.ts';

/** The invitation email, in French and plain text (read on every kind of mail client). */
export function invitationEmail(input: {
  to: string;
  firstName: string | null;
  inviterName: string;
  organisationName: string;
  territoryName: string | null;
  role: MembershipRole;
  link: string;
  baseUrl: string;
  newAccount: boolean;
}): Email {
  const where = input.territoryName
    ? `« ${input.organisationName} » (${input.territoryName})`
    : `« ${input.organisationName} »`;
  const greeting = input.firstName ? `Bonjour ${input.firstName},` : 'Bonjour,';
  const text = [
    greeting,
    '',
    `${input.inviterName} vous invite à rejoindre ${where} sur Tremplin, la plateforme des startups de territoire, avec le rôle « ${roleLabels[input.role]} ».`,
    '',
    input.newAccount
      ? 'Pour accepter l’invitation et ouvrir votre compte, suivez ce lien :'
      : 'Vous avez déjà un compte sur Tremplin. Pour vous connecter et retrouver cette organisation, suivez ce lien :',
    input.link,
    '',
    'Ce lien est valable 7 jours et ne sert qu’une fois. Ensuite, vous pourrez vous connecter à tout moment',
    `sur ${input.baseUrl}/connexion avec votre adresse ${input.to} : un nouveau lien vous sera envoyé.`,
    '',
    'Si vous ne vous attendiez pas à ce message, vous pouvez l’ignorer : sans clic sur le lien, rien ne se passe.',
    '',
    '— Tremplin',
  ].join('\n');
  return { to: input.to, subject: `Invitation à rejoindre ${input.organisationName} sur Tremplin`, text };
}
