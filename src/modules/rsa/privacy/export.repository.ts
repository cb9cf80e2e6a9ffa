import { and, asc, eq, or } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { citizens } from '../../../platform/scheduling/tables.ts';
import { organisations } from '../../../platform/tenancy/tables.ts';
import { agentName } from '../person.repository.ts';

/**
 * What the data export reads beyond the person's page (../person.repository.ts has the rest). Each
 * function takes the person's ids (the caller checked access with openBeneficiary); nothing here reads
 * another person's rows.
 */

export async function findNames(db: Db, organisationId: string, referentAgentId: string | null) {
  const [organisation] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const referent = referentAgentId ? await agentName(db, referentAgentId) : undefined;
  return { organisationName: organisation?.name ?? '', referent: referent ?? null };
}

export async function findCitizen(db: Db, citizenId: string) {
  const [row] = await db
    .select({
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      birthDate: citizens.birthDate,
      email: citizens.email,
      phone: citizens.phone,
      address: citizens.address,
      communeCode: citizens.communeCode,
    })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  return row ?? null;
}

/**
 * The messages sent about the person: by this module (subject « rsa_beneficiary ») and by the booking
 * engine to their record there (subject « citizen »). Their content is left out: it holds the signed
 * personal links, which an exported file must not carry.
 */
export async function listMessages(db: Db, beneficiaryId: string, citizenId: string | null) {
  const about = [
    and(eq(outboxMessages.subjectType, 'rsa_beneficiary'), eq(outboxMessages.subjectId, beneficiaryId)),
  ];
  if (citizenId)
    about.push(and(eq(outboxMessages.subjectType, 'citizen'), eq(outboxMessages.subjectId, citizenId)));
  return db
    .select({
      channel: outboxMessages.channel,
      template: outboxMessages.template,
      recipient: outboxMessages.recipient,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .where(or(...about))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
}
