import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Citizen } from '../../../platform/scheduling/citizens.service.ts';
import { organisationContacts } from '../../../platform/scheduling/public/public.repository.ts';
import { localDay } from '../../../platform/scheduling/slots/calendar.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { listMembers } from '../../../platform/tenancy/member.repository.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { rsaInvitationPath } from '../invitation-link.ts';
import { canRsa } from '../policy.ts';
import { canBeInvited, setBeneficiaryStatus, statusLabels } from '../status.ts';
import { ensureCitizen } from './citizen.ts';
import {
  type BeneficiaryRow,
  beneficiariesByIds,
  citizensByRefs,
  closeOpenInvitations,
  type InvitationSettings,
  insertInvitation,
  invitationSettingsOf,
  type OrganisationInfo,
  organisationsByIds,
  withOpenInvitations,
} from './invitations.repository.ts';
import { type InvitationMessage, type NoSlotMessage, shortCodeOf } from './message.ts';
import {
  type Channel,
  type ChannelChoice,
  channelLabels,
  invitationTimes,
  nextReminderAt,
  type Reach,
  reachOf,
} from './reach.ts';
import { slotChecker } from './slot-check.ts';
import { invitationTemplateOf, NO_SLOT_EMAIL } from './templates.ts';

/**
 * Inviting beneficiaries to book their first orientation meeting (issue 5, scope 3).
 *
 * For each person: the agent's RSA rights and the person's status are checked, then how to reach
 * them, then — once per organisation and commune — that the booking engine has a free slot before the
 * invitation expires. Nobody of a sector without a free slot is invited: the agent sees why, and the
 * organisation's admins get one email a day at most (the outbox's idempotency key
 * rsa:no-slot:<organisation>:<day>:<agent> is the dedupe, no table of our own).
 *
 * Invitations are written by batches, one transaction each: the person's booking-engine record, the
 * previous invitation closed, the new row, the message in the outbox and the status — all or nothing
 * for each person (a person refused on the way is left out and the batch written again, inviteBatch).
 */
export type InviteOptions = { channel: ChannelChoice; now?: Date };

export type Invited = { beneficiaryId: string; invitationId: string; channel: Channel };
export type Skipped = { beneficiaryId: string; reason: string };
export type NoSlotOrganisation = {
  organisationId: string;
  organisationName: string;
  lastDay: string;
  communes: string[];
  held: number;
};
export type InviteResult = {
  invited: Invited[];
  skipped: Skipped[];
  noSlotOrganisations: NoSlotOrganisation[];
};

export const NOT_FOUND_REASON = 'introuvable ou hors de votre territoire';
export const NO_SLOT_REASON = 'aucun créneau libre dans son secteur avant la fin de validité';

/** Persons invited per transaction. */
const BATCH = 50;
const PARALLEL_BATCHES = 4;
const READ_CHUNK = 1000;

type Ready = {
  beneficiary: BeneficiaryRow;
  reach: Extract<Reach, { ok: true }>;
  settings: InvitationSettings;
  lastDay: string;
  expiresAt: Date;
};

export async function inviteBeneficiaries(
  platform: Platform,
  caller: Caller,
  beneficiaryIds: string[],
  options: InviteOptions,
): Promise<InviteResult> {
  const db = platform.database.db;
  const now = options.now ?? new Date();
  const result: InviteResult = { invited: [], skipped: [], noSlotOrganisations: [] };
  const ids = [...new Set(beneficiaryIds)];
  const rows = new Map<string, BeneficiaryRow>();
  const valid = ids.filter(isUuid);
  for (let i = 0; i < valid.length; i += READ_CHUNK) {
    for (const row of await beneficiariesByIds(db, valid.slice(i, i + READ_CHUNK))) rows.set(row.id, row);
  }
  const organisationIds = [...new Set([...rows.values()].map((r) => r.organisationId))];
  const [settings, organisations] = await Promise.all([
    invitationSettingsOf(db, organisationIds),
    organisationsByIds(db, organisationIds),
  ]);
  const hasFreeSlot = slotChecker(db, now);
  const noSlot = new Map<string, NoSlotOrganisation>();
  const ready: Ready[] = [];

  for (const id of ids) {
    const beneficiary = rows.get(id);
    if (!beneficiary || beneficiary.anonymisedAt) {
      result.skipped.push({ beneficiaryId: id, reason: NOT_FOUND_REASON });
      continue;
    }
    if (!canRsa(caller.actor, 'rsa.manage', beneficiary)) {
      // Outside the agent's rights the person does not exist for them; the attempt is audited.
      await recordAudit(db, caller.audit, {
        action: 'denied',
        resourceType: 'rsa_beneficiary',
        resourceId: id,
        organisationId: beneficiary.organisationId,
        territoryId: beneficiary.territoryId,
        details: { action: 'invite' },
      });
      result.skipped.push({ beneficiaryId: id, reason: NOT_FOUND_REASON });
      continue;
    }
    if (!canBeInvited(beneficiary.status)) {
      result.skipped.push({
        beneficiaryId: id,
        reason: `statut « ${statusLabels[beneficiary.status]} » : pas d’invitation`,
      });
      continue;
    }
    const reach = reachOf(beneficiary, options.channel);
    if (!reach.ok) {
      result.skipped.push({ beneficiaryId: id, reason: reach.reason });
      continue;
    }
    const organisationSettings = settings.get(beneficiary.organisationId)!;
    const { lastDay, expiresAt } = invitationTimes(now, organisationSettings);
    if (!(await hasFreeSlot(beneficiary.organisationId, beneficiary.communeCode, expiresAt))) {
      const organisation = organisations.get(beneficiary.organisationId);
      const entry = noSlot.get(beneficiary.organisationId) ?? {
        organisationId: beneficiary.organisationId,
        organisationName: organisation?.name ?? '',
        lastDay,
        communes: [],
        held: 0,
      };
      noSlot.set(beneficiary.organisationId, entry);
      entry.held++;
      const commune = beneficiary.communeName ?? beneficiary.communeCode;
      if (commune && !entry.communes.includes(commune)) entry.communes.push(commune);
      result.skipped.push({ beneficiaryId: id, reason: NO_SLOT_REASON });
      continue;
    }
    ready.push({ beneficiary, reach, settings: organisationSettings, lastDay, expiresAt });
  }

  const phones = await helpPhones(db, organisationIds);
  const context = (one: Ready) => ({
    now,
    organisation: organisations.get(one.beneficiary.organisationId)!,
    phone: phones.get(one.beneficiary.organisationId) ?? null,
  });
  const batches: Ready[][] = [];
  for (let i = 0; i < ready.length; i += BATCH) batches.push(ready.slice(i, i + BATCH));
  // PostgreSQL: a few batches at once, each on its own connection (the time goes in round trips).
  // PGlite has one connection: one batch after the other.
  const parallel = platform.database.kind === 'postgres' ? PARALLEL_BATCHES : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, batches.length) }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const outcome = await inviteBatch(platform, caller, batch, context);
        result.invited.push(...outcome.invited);
        result.skipped.push(...outcome.refused);
      }
    }),
  );

  result.noSlotOrganisations = [...noSlot.values()];
  if (noSlot.size > 0) await warnAgents(platform, result.noSlotOrganisations, organisations, now);
  return result;
}

/** A person that could not be invited for a reason of their own: the batch goes on without them. */
class Refused extends Error {
  constructor(
    readonly beneficiaryId: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * One batch in one transaction. What is known beforehand is read for the whole batch (the people's
 * booking-engine records, who has an invitation to close). A person refused on the way (an address
 * that opted out, contact details the booking engine rejects) undoes the batch's transaction, and the
 * batch is written again without them: nothing half-written, and no savepoint round trips per person
 * for what is rare.
 */
async function inviteBatch(
  platform: Platform,
  caller: Caller,
  batch: Ready[],
  context: (one: Ready) => { now: Date; organisation: OrganisationInfo; phone: string | null },
): Promise<{ invited: Invited[]; refused: Skipped[] }> {
  const db = platform.database.db;
  const refused: Skipped[] = [];
  let pending = batch;
  const [known, open] = await Promise.all([
    citizensByRefs(
      db,
      [...new Set(batch.map((one) => one.beneficiary.organisationId))],
      batch.map((one) => citizenRefOf(one.beneficiary.id)),
    ),
    withOpenInvitations(
      db,
      batch.map((one) => one.beneficiary.id),
    ),
  ]);
  while (pending.length > 0) {
    try {
      const invited = await db.transaction(async (tx) => {
        const done: Invited[] = [];
        for (const one of pending) {
          const { beneficiary } = one;
          const citizen = known.get(`${beneficiary.organisationId}|${citizenRefOf(beneficiary.id)}`) ?? null;
          try {
            done.push(
              await inviteOne(tx, platform, caller, one, {
                ...context(one),
                citizen,
                hasOpenInvitation: open.has(beneficiary.id),
              }),
            );
          } catch (error) {
            const reason = refusalOf(error);
            if (reason) throw new Refused(beneficiary.id, reason);
            throw error;
          }
        }
        return done;
      });
      return { invited, refused };
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      refused.push({ beneficiaryId: error.beneficiaryId, reason: error.message });
      pending = pending.filter((one) => one.beneficiary.id !== error.beneficiaryId);
    }
  }
  return { invited: [], refused };
}

function refusalOf(error: unknown): string | undefined {
  if (error instanceof Refused) return error.message;
  if (error instanceof AppError && error.code === 'validation') {
    return `coordonnées à corriger : ${Object.values(error.fields).join(' ')}`;
  }
  return undefined;
}

async function inviteOne(
  tx: Db,
  platform: Platform,
  caller: Caller,
  { beneficiary, reach, settings, lastDay, expiresAt }: Ready,
  context: {
    now: Date;
    organisation: OrganisationInfo;
    phone: string | null;
    citizen: Citizen | null;
    hasOpenInvitation: boolean;
  },
): Promise<Invited> {
  const { now, organisation } = context;
  await ensureCitizen(tx, beneficiary, now, context.citizen);
  if (context.hasOpenInvitation) await closeOpenInvitations(tx, beneficiary.id, now);
  const invitationId = randomUUID();
  await insertInvitation(tx, {
    id: invitationId,
    beneficiaryId: beneficiary.id,
    organisationId: beneficiary.organisationId,
    kind: 'invitation',
    channel: reach.channel,
    sentAt: now,
    expiresAt,
    // Letters are not reminded: another letter would arrive after the link expired.
    nextReminderAt:
      reach.channel === 'letter' ? null : nextReminderAt(now, settings.reminderDays, 0, expiresAt),
    createdByAgentId: caller.actor.agentId,
  });
  const data: InvitationMessage = {
    firstName: beneficiary.firstName,
    lastName: beneficiary.lastName,
    organisationName: organisation.name,
    path: rsaInvitationPath(platform.config.secretKey, invitationId, expiresAt),
    shortCode: shortCodeOf(invitationId),
    lastDay,
    phone: context.phone,
  };
  const message = await queueMessage(
    tx,
    platform.messaging,
    {
      channel: reach.channel,
      template: invitationTemplateOf[reach.channel],
      recipient: reach.recipient,
      recipientName: `${beneficiary.firstName} ${beneficiary.lastName}`,
      data,
      idempotencyKey: `rsa:invitation:${invitationId}:${reach.channel}`,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      subject: { type: 'rsa_beneficiary', id: beneficiary.id },
    },
    now,
  );
  // An address that opted out (STOP) or a number the channel refuses: no invitation that never leaves.
  if (message.status === 'invalid') {
    throw new Refused(beneficiary.id, message.statusReason ?? 'destinataire refusé');
  }
  await setBeneficiaryStatus(tx, beneficiary.id, 'invitation_envoyee', {
    by: 'agent',
    agentId: caller.actor.agentId,
    reason: `Invitation par ${channelLabels[reach.channel]}`,
    at: now,
  });
  await recordAudit(tx, caller.audit, {
    action: 'create',
    resourceType: 'rsa_invitation',
    resourceId: invitationId,
    organisationId: beneficiary.organisationId,
    territoryId: beneficiary.territoryId,
    details: { beneficiaryId: beneficiary.id, channel: reach.channel },
  });
  return { beneficiaryId: beneficiary.id, invitationId, channel: reach.channel };
}

/** The number to call for help: the first of the organisation's places that has one. */
export async function helpPhones(db: Db, organisationIds: string[]): Promise<Map<string, string>> {
  const phones = new Map<string, string>();
  // organisationContacts answers by organisation name, not id: asked once per organisation (a handful).
  for (const organisationId of organisationIds) {
    const [contact] = await organisationContacts(db, [organisationId]);
    const phone = contact?.places[0]?.phone;
    if (phone) phones.set(organisationId, phone);
  }
  return phones;
}

/**
 * The admins of each organisation without a free slot (its agents when it has no admin) get one email
 * a day: the idempotency key names the organisation, the local day and the agent.
 */
async function warnAgents(
  platform: Platform,
  organisationsWithoutSlot: NoSlotOrganisation[],
  organisations: Map<string, OrganisationInfo>,
  now: Date,
): Promise<void> {
  const db = platform.database.db;
  const day = localDay(now);
  for (const entry of organisationsWithoutSlot) {
    const members = (await listMembers(db, entry.organisationId)).filter((m) => !m.deactivatedAt);
    const admins = members.filter((m) => m.role === 'admin');
    const recipients = admins.length > 0 ? admins : members.filter((m) => m.role === 'agent');
    const data: NoSlotMessage = {
      organisationName: entry.organisationName,
      day,
      lastDay: entry.lastDay,
      communes: entry.communes.slice(0, 20),
      held: entry.held,
    };
    await db.transaction(async (tx) => {
      for (const member of recipients) {
        await queueMessage(
          tx,
          platform.messaging,
          {
            channel: 'email',
            template: NO_SLOT_EMAIL,
            recipient: member.email,
            recipientName: `${member.firstName} ${member.lastName}`,
            data,
            idempotencyKey: `rsa:no-slot:${entry.organisationId}:${day}:${member.agentId}`,
            organisationId: entry.organisationId,
            territoryId: organisations.get(entry.organisationId)?.territoryId ?? null,
          },
          now,
        );
      }
    });
  }
}
