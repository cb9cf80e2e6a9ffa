import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { queueMessage } from '../../../platform/messaging/outbox.service.ts';
import type { Platform } from '../../../platform/platform.ts';
import { activeMembersAmong } from '../../../platform/scheduling/citizens.repository.ts';
import { type Citizen, checkCitizenInput } from '../../../platform/scheduling/citizens.service.ts';
import { organisationContacts } from '../../../platform/scheduling/public/public.repository.ts';
import { localDay } from '../../../platform/scheduling/slots/calendar.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { listMembers } from '../../../platform/tenancy/member.repository.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { rsaInvitationPath } from '../invitation-link.ts';
import { canRsa } from '../policy.ts';
import { canBeInvited, statusLabels } from '../status.ts';
import { citizenInputOf, ensureCitizen } from './citizen.ts';
import {
  type BeneficiaryRow,
  beneficiariesByIds,
  citizensByRefs,
  closeOpenInvitations,
  contactCandidates,
  type InvitationSettings,
  insertCitizenReferents,
  insertCitizens,
  insertInvitations,
  invitationSettingsOf,
  type OrganisationInfo,
  organisationsByIds,
  recordAuditLines,
  setStatusesAndCitizens,
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
import { type SlotChecker, slotChecker } from './slot-check.ts';
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
 * Invitations are written by batches, one transaction each: the people's booking-engine records, the
 * previous invitations closed, the new rows, the messages in the outbox and the statuses — all or
 * nothing for each person (a person refused on the way is left out and the batch written again,
 * writeInvitationBatch). Bulks of more than RUN_THRESHOLD people are sent in the background instead
 * (run.service.ts), with the same functions.
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
export const BATCH = 50;
const PARALLEL_BATCHES = 4;
const READ_CHUNK = 1000;

export type Ready = {
  beneficiary: BeneficiaryRow;
  reach: Extract<Reach, { ok: true }>;
  settings: InvitationSettings;
  lastDay: string;
  expiresAt: Date;
};

/**
 * One bulk invitation's context: who invites, by which channel, when, and what is read once for all
 * its people — the free-slot answers, each organisation's settings, name and help phone. A background
 * run (run.service.ts) keeps one for all its chunks.
 */
export type InvitationRound = {
  platform: Platform;
  caller: Caller;
  channel: ChannelChoice;
  now: Date;
  hasFreeSlot: SlotChecker;
  settings: Map<string, InvitationSettings>;
  organisations: Map<string, OrganisationInfo>;
  phones: Map<string, string>;
};

export function newInvitationRound(
  platform: Platform,
  caller: Caller,
  options: InviteOptions,
): InvitationRound {
  const now = options.now ?? new Date();
  return {
    platform,
    caller,
    channel: options.channel,
    now,
    hasFreeSlot: slotChecker(platform.database.db, now),
    settings: new Map(),
    organisations: new Map(),
    phones: new Map(),
  };
}

async function knowOrganisations(round: InvitationRound, organisationIds: string[]): Promise<void> {
  const missing = organisationIds.filter((id) => !round.settings.has(id));
  if (missing.length === 0) return;
  const db = round.platform.database.db;
  const [settings, organisations, phones] = await Promise.all([
    invitationSettingsOf(db, missing),
    organisationsByIds(db, missing),
    helpPhones(db, missing),
  ]);
  for (const [id, value] of settings) round.settings.set(id, value);
  for (const [id, value] of organisations) round.organisations.set(id, value);
  for (const [id, value] of phones) round.phones.set(id, value);
}

export async function inviteBeneficiaries(
  platform: Platform,
  caller: Caller,
  beneficiaryIds: string[],
  options: InviteOptions,
): Promise<InviteResult> {
  const round = newInvitationRound(platform, caller, options);
  const prepared = await prepareInvitations(round, beneficiaryIds);
  const result: InviteResult = {
    invited: [],
    skipped: prepared.skipped,
    noSlotOrganisations: prepared.noSlot,
  };
  await inBatches(platform, prepared.ready, async (batch) => {
    const outcome = await writeInvitationBatch(round, batch);
    result.invited.push(...outcome.invited);
    result.skipped.push(...outcome.refused);
  });
  if (prepared.noSlot.length > 0) await warnAgents(round, prepared.noSlot);
  return result;
}

/**
 * Batches of BATCH people, each written by `write`. PostgreSQL: a few batches at once, each on its own
 * connection (the time goes in round trips). PGlite has one connection: one batch after the other.
 */
export async function inBatches(
  platform: Platform,
  ready: Ready[],
  write: (batch: Ready[]) => Promise<void>,
): Promise<void> {
  const batches: Ready[][] = [];
  for (let i = 0; i < ready.length; i += BATCH) batches.push(ready.slice(i, i + BATCH));
  const parallel = platform.database.kind === 'postgres' ? PARALLEL_BATCHES : 1;
  let next = 0;
  let failed = false;
  // A failed batch stops the lanes from taking more, and its error is thrown once the others' batches
  // under way have finished: nothing is still writing when the caller (a job's retry) goes on.
  const lanes = await Promise.allSettled(
    Array.from({ length: Math.min(parallel, batches.length) }, async () => {
      while (!failed && next < batches.length) {
        try {
          await write(batches[next++]!);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
  const rejected = lanes.find((lane) => lane.status === 'rejected');
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
}

/**
 * Who of these people can be invited now (rights, status, a way to reach them, a free slot in their
 * sector before the link expires), and why the others cannot. Reads only (denials are audited).
 */
export async function prepareInvitations(
  round: InvitationRound,
  beneficiaryIds: string[],
): Promise<{ ready: Ready[]; skipped: Skipped[]; noSlot: NoSlotOrganisation[] }> {
  const { caller, now } = round;
  const db = round.platform.database.db;
  const ids = [...new Set(beneficiaryIds)];
  const rows = new Map<string, BeneficiaryRow>();
  const valid = ids.filter(isUuid);
  for (let i = 0; i < valid.length; i += READ_CHUNK) {
    for (const row of await beneficiariesByIds(db, valid.slice(i, i + READ_CHUNK))) rows.set(row.id, row);
  }
  await knowOrganisations(round, [...new Set([...rows.values()].map((r) => r.organisationId))]);
  const skipped: Skipped[] = [];
  const noSlot = new Map<string, NoSlotOrganisation>();
  const ready: Ready[] = [];

  for (const id of ids) {
    const beneficiary = rows.get(id);
    if (!beneficiary || beneficiary.anonymisedAt) {
      skipped.push({ beneficiaryId: id, reason: NOT_FOUND_REASON });
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
      skipped.push({ beneficiaryId: id, reason: NOT_FOUND_REASON });
      continue;
    }
    if (!canBeInvited(beneficiary.status)) {
      skipped.push({
        beneficiaryId: id,
        reason: `statut « ${statusLabels[beneficiary.status]} » : pas d’invitation`,
      });
      continue;
    }
    const reach = reachOf(beneficiary, round.channel);
    if (!reach.ok) {
      skipped.push({ beneficiaryId: id, reason: reach.reason });
      continue;
    }
    const organisationSettings = round.settings.get(beneficiary.organisationId)!;
    const { lastDay, expiresAt } = invitationTimes(now, organisationSettings);
    if (!(await round.hasFreeSlot(beneficiary.organisationId, beneficiary.communeCode, expiresAt))) {
      const organisation = round.organisations.get(beneficiary.organisationId);
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
      skipped.push({ beneficiaryId: id, reason: NO_SLOT_REASON });
      continue;
    }
    ready.push({ beneficiary, reach, settings: organisationSettings, lastDay, expiresAt });
  }
  return { ready, skipped, noSlot: [...noSlot.values()] };
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

/** What a batch's transaction may write besides the invitations (a run's progress), before it commits. */
export type BatchHook = (tx: Db, outcome: { invited: Invited[]; refused: Skipped[] }) => Promise<void>;

/**
 * One batch in one transaction. What is known beforehand is read for the whole batch (the people's
 * booking-engine records, whether someone else's record could match them, who has an invitation to
 * close), and what is written is written for the whole batch — new booking-engine records, closed and
 * new invitations, statuses with their history, audit lines — one statement each; only the messages
 * go one by one through the outbox (queueMessage: idempotency, opt-outs, delivery job). A person
 * refused on the way (an address that opted out, contact details the booking engine rejects) undoes
 * the transaction, and the batch is written again without them: nothing half-written, and no savepoint
 * round trips per person for what is rare. `hook` writes in the same transaction, so a run's progress
 * commits with the batch it counts (when everyone is refused, it still runs, alone).
 */
export async function writeInvitationBatch(
  round: InvitationRound,
  batch: Ready[],
  hook?: BatchHook,
): Promise<{ invited: Invited[]; refused: Skipped[] }> {
  const { platform } = round;
  const db = platform.database.db;
  const refused: Skipped[] = [];
  const checked = new Map<string, ReturnType<typeof checkCitizenInput>>();
  let pending: Ready[] = [];
  for (const one of batch) {
    try {
      checked.set(
        one.beneficiary.id,
        checkCitizenInput(citizenInputOf(one.beneficiary), { requireContact: false }),
      );
      pending.push(one);
    } catch (error) {
      const reason = refusalOf(error);
      if (!reason) throw error;
      refused.push({ beneficiaryId: one.beneficiary.id, reason });
    }
  }
  const organisationIds = [...new Set(pending.map((one) => one.beneficiary.organisationId))];
  const referentIds = [...new Set(pending.flatMap((one) => one.beneficiary.referentAgentId ?? []))];
  const [known, open, candidates, referents] = await Promise.all([
    citizensByRefs(
      db,
      organisationIds,
      pending.map((one) => citizenRefOf(one.beneficiary.id)),
    ),
    withOpenInvitations(
      db,
      pending.map((one) => one.beneficiary.id),
    ),
    contactCandidates(db, organisationIds, [...checked.values()]),
    activeReferents(db, organisationIds, referentIds),
  ]);
  while (pending.length > 0 || hook) {
    try {
      const invited = await db.transaction(async (tx) => {
        const done =
          pending.length > 0
            ? await writePending(tx, round, pending, { checked, known, open, candidates, referents })
            : [];
        if (hook) await hook(tx, { invited: done, refused });
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

/** Active members among the référents, as `<organisation>|<agent>`: only they become the record's référent. */
async function activeReferents(db: Db, organisationIds: string[], agentIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (agentIds.length === 0) return found;
  for (const organisationId of organisationIds) {
    for (const id of await activeMembersAmong(db, organisationId, agentIds))
      found.add(`${organisationId}|${id}`);
  }
  return found;
}

async function writePending(
  tx: Db,
  round: InvitationRound,
  pending: Ready[],
  read: {
    checked: Map<string, ReturnType<typeof checkCitizenInput>>;
    known: Map<string, Citizen>;
    open: Set<string>;
    candidates: Set<string>;
    referents: Set<string>;
  },
): Promise<Invited[]> {
  const { platform, caller, now } = round;
  // The booking-engine records: the people who have one (or whose contact matches someone's) one by
  // one, as ensureCitizen decides; everyone else gets a new record, all in one insert.
  const citizenOf = new Map<string, string>();
  const fresh: Ready[] = [];
  for (const one of pending) {
    const { beneficiary } = one;
    const citizen = read.known.get(`${beneficiary.organisationId}|${citizenRefOf(beneficiary.id)}`) ?? null;
    const contact = read.checked.get(beneficiary.id)!;
    if (!citizen && !read.candidates.has(`${beneficiary.organisationId}|${contact.lastName.toLowerCase()}`)) {
      fresh.push(one);
      continue;
    }
    try {
      citizenOf.set(beneficiary.id, (await ensureCitizen(tx, beneficiary, now, citizen, false)).id);
    } catch (error) {
      const reason = refusalOf(error);
      if (reason) throw new Refused(beneficiary.id, reason);
      throw error;
    }
  }
  const inserted = await insertCitizens(
    tx,
    fresh.map((one) => ({
      organisationId: one.beneficiary.organisationId,
      ...read.checked.get(one.beneficiary.id)!,
    })),
  );
  const byRef = new Map(inserted.map((row) => [row.externalRef, row.id]));
  for (const one of fresh) citizenOf.set(one.beneficiary.id, byRef.get(citizenRefOf(one.beneficiary.id))!);
  await insertCitizenReferents(
    tx,
    fresh.flatMap(({ beneficiary }) =>
      beneficiary.referentAgentId &&
      read.referents.has(`${beneficiary.organisationId}|${beneficiary.referentAgentId}`)
        ? [{ citizenId: citizenOf.get(beneficiary.id)!, agentId: beneficiary.referentAgentId }]
        : [],
    ),
  );

  // Earlier invitations still open are closed: only the newest link books and reminds.
  await closeOpenInvitations(
    tx,
    pending.filter((one) => read.open.has(one.beneficiary.id)).map((one) => one.beneficiary.id),
    now,
  );
  const invited: Invited[] = pending.map((one) => ({
    beneficiaryId: one.beneficiary.id,
    invitationId: randomUUID(),
    channel: one.reach.channel,
  }));
  await insertInvitations(
    tx,
    pending.map(({ beneficiary, reach, settings, expiresAt }, i) => ({
      id: invited[i]!.invitationId,
      beneficiaryId: beneficiary.id,
      organisationId: beneficiary.organisationId,
      kind: 'invitation' as const,
      channel: reach.channel,
      sentAt: now,
      expiresAt,
      // Letters are not reminded: another letter would arrive after the link expired.
      nextReminderAt:
        reach.channel === 'letter' ? null : nextReminderAt(now, settings.reminderDays, 0, expiresAt),
      createdByAgentId: caller.actor.agentId,
    })),
  );
  for (const [i, { beneficiary, reach, lastDay, expiresAt }] of pending.entries()) {
    const { invitationId } = invited[i]!;
    const data: InvitationMessage = {
      firstName: beneficiary.firstName,
      lastName: beneficiary.lastName,
      organisationName: round.organisations.get(beneficiary.organisationId)!.name,
      path: rsaInvitationPath(platform.config.secretKey, invitationId, expiresAt),
      shortCode: shortCodeOf(invitationId),
      lastDay,
      phone: round.phones.get(beneficiary.organisationId) ?? null,
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
  }
  await setStatusesAndCitizens(
    tx,
    pending.map(({ beneficiary, reach }) => ({
      beneficiaryId: beneficiary.id,
      citizenId: citizenOf.get(beneficiary.id)!,
      reason: `Invitation par ${channelLabels[reach.channel]}`,
    })),
    'invitation_envoyee',
    { by: 'agent', agentId: caller.actor.agentId, at: now },
  );
  await recordAuditLines(
    tx,
    caller.audit,
    pending.map(({ beneficiary, reach }, i) => ({
      action: 'create',
      resourceType: 'rsa_invitation',
      resourceId: invited[i]!.invitationId,
      organisationId: beneficiary.organisationId,
      territoryId: beneficiary.territoryId,
      details: { beneficiaryId: beneficiary.id, channel: reach.channel },
    })),
  );
  return invited;
}

function refusalOf(error: unknown): string | undefined {
  if (error instanceof Refused) return error.message;
  if (error instanceof AppError && error.code === 'validation') {
    return `coordonnées à corriger : ${Object.values(error.fields).join(' ')}`;
  }
  return undefined;
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
export async function warnAgents(
  round: InvitationRound,
  organisationsWithoutSlot: NoSlotOrganisation[],
): Promise<void> {
  const { platform, now, organisations } = round;
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
