import { recordAudit } from '../../../platform/audit/audit.ts';
import { notFound } from '../../../platform/errors.ts';
import { formatLetterDate, renderLettersPdf } from '../../../platform/messaging/letters/letter.pdf.ts';
import { letterReference } from '../../../platform/messaging/letters/letters.service.ts';
import { findMessageByIdempotencyKey } from '../../../platform/messaging/outbox.repository.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { canRsa } from '../policy.ts';
import { findInvitation } from './invitations.repository.ts';

const TIME_ZONE = 'Europe/Paris';

/** The outbox key of an invitation's or a convocation's message: what its letter is rendered from. */
export function messageKeyOf(invitation: {
  id: string;
  kind: 'invitation' | 'convocation';
  channel: string;
}) {
  return `rsa:${invitation.kind}:${invitation.id}:${invitation.channel}`;
}

/**
 * The letter of an invitation or a convocation sent by post, as one PDF laid out for a window envelope
 * (the messaging letters' layout), rendered from the message the outbox holds — what the person
 * receives. Agents who may see the person may download it (RSA rights, not only the organisation's
 * letter desk: a direction agent prints for the territory). Audited as an export; others get 404.
 */
export async function invitationLetterPdf(
  platform: Platform,
  caller: Caller,
  invitationId: string,
  now = new Date(),
): Promise<{ filename: string; pdf: Buffer }> {
  const db = platform.database.db;
  if (!isUuid(invitationId)) throw notFound();
  const found = await findInvitation(db, invitationId);
  if (!found || found.beneficiary.anonymisedAt) throw notFound();
  const { invitation, beneficiary, organisation } = found;
  if (!canRsa(caller.actor, 'rsa.view', beneficiary)) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'rsa_invitation',
      resourceId: invitation.id,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
    });
    throw notFound();
  }
  const message =
    invitation.channel === 'letter'
      ? await findMessageByIdempotencyKey(db, messageKeyOf(invitation))
      : undefined;
  if (message?.channel !== 'letter') {
    throw notFound(
      'Cette invitation n’a pas été envoyée par courrier : il n’y a pas de lettre à télécharger.',
    );
  }
  const template = platform.messaging.templates.get(message.template);
  if (template.channel !== 'letter') throw notFound();
  const context = { territoryName: organisation.territoryName, baseUrl: platform.messaging.baseUrl };
  const reference = letterReference(message.id);
  const pdf = await renderLettersPdf(
    [
      {
        reference,
        sender: { organisationName: organisation.name, territoryName: organisation.territoryName },
        addressLines: (message.recipientNormalised ?? message.recipient).split('\n'),
        date: message.createdAt,
        content: template.render(message.data as never, context),
      },
    ],
    {
      timeZone: TIME_ZONE,
      now,
      title: `${invitation.kind === 'convocation' ? 'Convocation' : 'Invitation'} RSA – ${formatLetterDate(message.createdAt, TIME_ZONE)}`,
    },
  );
  await recordAudit(db, caller.audit, {
    action: 'export',
    resourceType: 'rsa_invitation',
    resourceId: invitation.id,
    organisationId: beneficiary.organisationId,
    territoryId: beneficiary.territoryId,
    details: { beneficiaryId: beneficiary.id, kind: invitation.kind, letter: message.id },
  });
  return { filename: `${invitation.kind}-rsa-${reference.toLowerCase()}.pdf`, pdf };
}
