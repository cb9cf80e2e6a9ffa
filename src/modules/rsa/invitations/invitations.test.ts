import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { OutboxMessage } from '../../../platform/messaging/channels.ts';
import { renderStoredMessage } from '../../../platform/messaging/render.ts';
import { optOuts, outboxMessages } from '../../../platform/messaging/tables.ts';
import { firstAvailableSlot } from '../../../platform/scheduling/slot-search.service.ts';
import { newAppointment, newCitizen, testCaller } from '../../../platform/scheduling/testing.ts';
import { newAgent, newOrganisation, signInAs } from '../../../platform/testing/factories.ts';
import { mergeCookies, submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { rsaModule } from '../index.ts';
import { beneficiaries, beneficiaryStatusChanges, invitations } from '../tables.ts';
import { flagAppointmentsAwaitingDecision } from './awaiting-decision.job.ts';
import { expireInvitations } from './expiry.job.ts';
import { inviteBeneficiaries, NO_SLOT_REASON, NOT_FOUND_REASON } from './invite.service.ts';
import { remindInvitedPeople } from './reminders.job.ts';
import { NO_SLOT_EMAIL } from './templates.ts';
import { newBeneficiary, newOrientationSetup } from './testing.ts';

/**
 * Invitations end to end, through the routes where a person or an agent would act: invite (bulk and
 * one), the message and its link, the landing page, booking through the booking engine's invitation
 * journey, reminders, expiry, the no-slot rule, another territory, and convocations with their letter.
 */
const DAY = 86_400_000;

describe('RSA invitations', () => {
  let t: TestContext;
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    app = t.app;
  });
  afterAll(() => t.close());

  const baseUrl = 'http://localhost:3000';

  /** Posts a form with repeated fields, after loading a page for the CSRF cookie and token. */
  async function post(options: { page: string; action: string; cookie: string; fields: [string, string][] }) {
    const page = await app.inject({ url: options.page, headers: { cookie: options.cookie } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${options.page} (${page.statusCode})`);
    const cookie = mergeCookies(options.cookie, page.headers['set-cookie']);
    const response = await app.inject({
      method: 'POST',
      url: options.action,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ...options.fields]).toString(),
    });
    return { response, cookie: mergeCookies(cookie, response.headers['set-cookie']) };
  }

  const messagesAbout = (beneficiaryId: string): Promise<OutboxMessage[]> =>
    db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.subjectType, 'rsa_beneficiary'), eq(outboxMessages.subjectId, beneficiaryId)),
      )
      .orderBy(asc(outboxMessages.createdAt));

  function textOf(message: OutboxMessage): string {
    const rendered = renderStoredMessage(t.platform.messaging.templates, message, {
      territoryName: null,
      baseUrl,
    });
    if ('error' in rendered) throw new Error(rendered.error);
    const content = rendered.content as { subject?: string; text?: string; paragraphs?: string[] };
    return [content.subject ?? '', content.text ?? content.paragraphs!.join('\n')].join('\n');
  }

  const linkIn = (text: string) => {
    const found = /http:\/\/localhost:3000(\/rsa\/i\/[A-Za-z0-9_.-]+)/.exec(text)?.[1];
    if (!found) throw new Error(`no link in ${text}`);
    return found;
  };
  const beneficiary = async (id: string) =>
    (await db.select().from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!;
  const invitationsOf = (id: string) =>
    db.select().from(invitations).where(eq(invitations.beneficiaryId, id)).orderBy(asc(invitations.sentAt));
  const callerOf = (setup: Awaited<ReturnType<typeof newOrientationSetup>>) =>
    testCaller(setup.worker, [{ organisationId: setup.organisation.id, role: 'agent' }]);

  it('bulk invitation: one SMS, one email and one letter queued, each with a link that opens the page', async () => {
    const setup = await newOrientationSetup(db);
    const where = { organisationId: setup.organisation.id, territoryId: setup.territoryId };
    const bySms = await newBeneficiary(db, where);
    const byEmail = await newBeneficiary(db, { ...where, phone: null });
    const byLetter = await newBeneficiary(db, { ...where, phone: null, email: null });
    const { response, cookie } = await post({
      page: `/rsa/beneficiaires/${bySms.id}/convoquer`,
      action: '/rsa/invitations',
      cookie: setup.workerCookie,
      fields: [
        ['ids', bySms.id],
        ['ids', byEmail.id],
        ['ids', byLetter.id],
        ['channel', 'auto'],
        ['retour', `/rsa/beneficiaires/${bySms.id}/convoquer`],
      ],
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/rsa/beneficiaires/${bySms.id}/convoquer`);
    const after = await app.inject({ url: response.headers.location!, headers: { cookie } });
    expect(after.body).toContain('3 invitations envoyées (1 par SMS, 1 par courriel, 1 par courrier)');

    for (const [person, channel, template] of [
      [bySms, 'sms', 'rsa.invitation-sms'],
      [byEmail, 'email', 'rsa.invitation-email'],
      [byLetter, 'letter', 'rsa.invitation-letter'],
    ] as const) {
      const [message] = await messagesAbout(person.id);
      expect(message).toMatchObject({ channel, template, status: 'queued' });
      expect((await beneficiary(person.id)).status).toBe('invitation_envoyee');
      const [invitation] = await invitationsOf(person.id);
      expect(invitation).toMatchObject({ kind: 'invitation', channel, remindersSent: 0 });
      // Ten days of validity to the end of the local day; letters are not reminded.
      expect(invitation!.expiresAt.getTime() - invitation!.sentAt.getTime()).toBeGreaterThan(10 * DAY);
      expect(invitation!.expiresAt.getTime() - invitation!.sentAt.getTime()).toBeLessThanOrEqual(11 * DAY);
      expect(invitation!.nextReminderAt === null).toBe(channel === 'letter');
      const page = await app.inject({ url: linkIn(textOf(message!)) });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Prenez rendez-vous pour votre premier entretien RSA');
      expect(page.body).toContain('href="/rdv/invitation/');
      expect(page.body).toContain('/questionnaire"');
      expect(page.body).toContain('04 94 00 00 00');
    }
    expect(textOf((await messagesAbout(byLetter.id))[0]!)).toContain('Votre code d’invitation');
  });

  it('a selection larger than the list can send is refused with a message, nothing written', async () => {
    const setup = await newOrientationSetup(db);
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
    });
    const ids = Array.from({ length: 5001 }, () => person.id);
    const { response, cookie } = await post({
      page: `/rsa/beneficiaires/${person.id}/convoquer`,
      action: '/rsa/invitations',
      cookie: setup.workerCookie,
      fields: [...ids.map((id) => ['ids', id] as [string, string]), ['retour', '/rsa?statut=non_invite']],
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/rsa?statut=non_invite');
    const after = await app.inject({ url: response.headers.location!, headers: { cookie } });
    expect(after.body).toContain('Au plus 5000 personnes à la fois.');
    expect(await messagesAbout(person.id)).toEqual([]);
  });

  it('booking through the link: RDV pris and no reminder; the person who did not book gets J+3, then J+7', async () => {
    const setup = await newOrientationSetup(db);
    const where = { organisationId: setup.organisation.id, territoryId: setup.territoryId };
    const booker = await newBeneficiary(db, where);
    const waiter = await newBeneficiary(db, { ...where, phone: '+33698765432' });
    const now = new Date();
    const result = await inviteBeneficiaries(t.platform, callerOf(setup), [booker.id, waiter.id], {
      channel: 'sms',
      now,
    });
    expect(result.invited).toHaveLength(2);

    // The person opens their link, follows the big button into the booking engine and books.
    const landing = await app.inject({ url: linkIn(textOf((await messagesAbout(booker.id))[0]!)) });
    const engineLink = /href="(\/rdv\/invitation\/[^"]+)"/.exec(landing.body)![1]!;
    const types = await app.inject({ url: engineLink });
    expect(types.statusCode).toBe(303); // one orientation type: straight to the places
    const places = new URL(types.headers.location!, baseUrl);
    expect(places.pathname).toBe('/rdv/lieux');
    const first = (await firstAvailableSlot(db, {
      appointmentTypeId: setup.type.id,
      audience: 'invited',
      communeCode: '83126',
    }))!;
    const query = new URLSearchParams({
      invitation: places.searchParams.get('invitation')!,
      motif: setup.type.id,
      lieu: first.place.id,
      debut: first.slot.startsAt.toISOString(),
    });
    const booked = await submitForm(app, {
      page: `/rdv/coordonnees?${query}`,
      fields: { prenom: booker.firstName, nom: booker.lastName, telephone: '06 12 34 56 78' },
    });
    expect(booked.response.statusCode).toBe(303);
    expect((await beneficiary(booker.id)).status).toBe('rdv_pris');
    const [fulfilled] = await invitationsOf(booker.id);
    expect(fulfilled!.bookedAt).not.toBeNull();
    expect(fulfilled!.nextReminderAt).toBeNull();

    // Its link now shows the appointment and the booking engine's link to manage it.
    const again = await app.inject({ url: linkIn(textOf((await messagesAbout(booker.id))[0]!)) });
    expect(again.body).toContain('Votre rendez-vous est pris');
    expect(again.body).toContain('/rdv/gerer/');

    const reminders = (id: string) =>
      messagesAbout(id).then((all) => all.filter((m) => m.template === 'rsa.reminder-sms'));
    // (The jobs run over the whole database: other tests' invitations may be reminded too.)
    await remindInvitedPeople(t.platform, new Date(now.getTime() + 3 * DAY + 3_600_000));
    expect(await reminders(booker.id)).toHaveLength(0);
    expect(await reminders(waiter.id)).toHaveLength(1);
    expect(textOf((await reminders(waiter.id))[0]!)).toContain('Rappel');
    // A second run at the same time sends nothing more; J+7 sends the second reminder.
    await remindInvitedPeople(t.platform, new Date(now.getTime() + 3 * DAY + 7_200_000));
    expect(await reminders(waiter.id)).toHaveLength(1);
    await remindInvitedPeople(t.platform, new Date(now.getTime() + 7 * DAY + 3_600_000));
    expect(await reminders(waiter.id)).toHaveLength(2);
    expect((await invitationsOf(waiter.id))[0]).toMatchObject({ remindersSent: 2, nextReminderAt: null });
    expect(await reminders(booker.id)).toHaveLength(0);
  });

  it('a person whose number answered STOP is left out; the others of the batch are invited', async () => {
    const setup = await newOrientationSetup(db);
    const where = { organisationId: setup.organisation.id, territoryId: setup.territoryId };
    const stopped = await newBeneficiary(db, { ...where, phone: '+33611223344' });
    const fine = await newBeneficiary(db, where);
    await db.insert(optOuts).values({ channel: 'sms', address: '+33611223344', source: 'test' });
    const result = await inviteBeneficiaries(t.platform, callerOf(setup), [stopped.id, fine.id], {
      channel: 'sms',
    });
    expect(result.invited.map((i) => i.beneficiaryId)).toEqual([fine.id]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.reason).toContain('STOP');
    expect(await invitationsOf(stopped.id)).toHaveLength(0);
    expect(await messagesAbout(stopped.id)).toHaveLength(0);
    expect((await beneficiary(stopped.id)).status).toBe('non_invite');
    expect((await beneficiary(fine.id)).status).toBe('invitation_envoyee');
  });

  it('expiry: the person becomes « invitation expirée »; the link says to call, with the phone', async () => {
    const setup = await newOrientationSetup(db);
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
    });
    const { response } = await post({
      page: `/rsa/beneficiaires/${person.id}/convoquer`,
      action: `/rsa/beneficiaires/${person.id}/inviter`,
      cookie: setup.workerCookie,
      fields: [
        ['channel', 'email'],
        ['retour', 'https://ailleurs.example/'],
      ],
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/rsa/beneficiaires/${person.id}`); // never another site
    const [invitation] = await invitationsOf(person.id);
    expect(invitation).toMatchObject({ channel: 'email' });
    await expireInvitations(t.platform, new Date(invitation!.expiresAt.getTime() - 1000));
    expect((await beneficiary(person.id)).status).toBe('invitation_envoyee');
    await expireInvitations(t.platform, new Date(invitation!.expiresAt.getTime() + 1000));
    expect((await beneficiary(person.id)).status).toBe('invitation_expiree');
    const [last] = await db
      .select()
      .from(beneficiaryStatusChanges)
      .where(eq(beneficiaryStatusChanges.beneficiaryId, person.id))
      .orderBy(asc(beneficiaryStatusChanges.changedAt));
    expect(last).toMatchObject({
      fromStatus: 'non_invite',
      toStatus: 'invitation_envoyee',
      changedBy: 'agent',
    });
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation!.id));
    const page = await app.inject({ url: linkIn(textOf((await messagesAbout(person.id))[0]!)) });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Votre invitation a expiré');
    expect(page.body).toContain('04 94 00 00 00');
    expect((await app.inject({ url: '/rsa/i/pas-un-jeton' })).statusCode).toBe(404);
  });

  it('no free slot: nobody of the sector is invited, the page warns, the admins get one email a day', async () => {
    const setup = await newOrientationSetup(db, { openings: false });
    const where = { organisationId: setup.organisation.id, territoryId: setup.territoryId };
    const people = [await newBeneficiary(db, where), await newBeneficiary(db, where)];
    const fields: [string, string][] = [
      ...people.map((p): [string, string] => ['ids', p.id]),
      ['retour', `/rsa/beneficiaires/${people[0]!.id}/convoquer`],
    ];
    const { response, cookie } = await post({
      page: `/rsa/beneficiaires/${people[0]!.id}/convoquer`,
      action: '/rsa/invitations',
      cookie: setup.workerCookie,
      fields,
    });
    expect(response.statusCode).toBe(303);
    const after = await app.inject({ url: response.headers.location!, headers: { cookie } });
    expect(after.body).toContain('Aucun créneau libre pour');
    expect(after.body).toContain('2 personnes n’ont pas été invitées');
    for (const person of people) {
      expect(await invitationsOf(person.id)).toHaveLength(0);
      expect((await beneficiary(person.id)).status).toBe('non_invite');
    }
    const warnings = () => db.select().from(outboxMessages).where(eq(outboxMessages.template, NO_SLOT_EMAIL));
    const toAdmin = (await warnings()).filter((m) => m.recipientNormalised === setup.admin.email);
    expect(toAdmin).toHaveLength(1);
    expect(textOf(toAdmin[0]!)).toContain('Personnes concernées : 2.');
    const again = await inviteBeneficiaries(t.platform, callerOf(setup), [people[1]!.id], {
      channel: 'auto',
    });
    expect(again.skipped).toEqual([{ beneficiaryId: people[1]!.id, reason: NO_SLOT_REASON }]);
    expect((await warnings()).filter((m) => m.recipientNormalised === setup.admin.email)).toHaveLength(1);
  });

  it('another territory: its agent cannot invite (404 for one, skipped in bulk, audited)', async () => {
    const setup = await newOrientationSetup(db);
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
    });
    const elsewhere = await newOrganisation(db);
    const stranger = await newAgent(db, { memberships: [{ organisationId: elsewhere.id, role: 'admin' }] });
    const cookie = await signInAs(db, stranger.id);
    const page = await app.inject({ url: `/rsa/beneficiaires/${person.id}/convoquer`, headers: { cookie } });
    expect(page.statusCode).toBe(404);
    const one = await app.inject({
      method: 'POST',
      url: `/rsa/beneficiaires/${person.id}/inviter`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'channel=auto',
    });
    expect([403, 404]).toContain(one.statusCode); // no CSRF token: refused before anything
    const strangerCaller = testCaller(stranger, [{ organisationId: elsewhere.id, role: 'admin' }]);
    const result = await inviteBeneficiaries(t.platform, strangerCaller, [person.id], { channel: 'auto' });
    expect(result.invited).toHaveLength(0);
    expect(result.skipped).toEqual([{ beneficiaryId: person.id, reason: NOT_FOUND_REASON }]);
    expect(await invitationsOf(person.id)).toHaveLength(0);
    const denied = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, stranger.id), eq(auditEvents.action, 'denied')));
    expect(denied.map((d) => d.resourceId)).toContain(person.id);
    // With a valid form, still not found.
    const { response } = await post({
      page: '/compte',
      action: `/rsa/beneficiaires/${person.id}/inviter`,
      cookie,
      fields: [['channel', 'auto']],
    });
    expect(response.statusCode).toBe(404);
  });

  it('convocation by SMS: the person gets the convocation only, not the engine’s confirmation too', async () => {
    const setup = await newOrientationSetup(db, { bookableBy: 'agents' });
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
      phone: '+33612349876',
      status: 'invitation_expiree',
    });
    const page = await app.inject({
      url: `/rsa/beneficiaires/${person.id}/convoquer`,
      headers: { cookie: setup.workerCookie },
    });
    const slot = /name="creneau" value="([^"]+)"/.exec(page.body)![1]!.replaceAll('&amp;', '&');
    const { response } = await submitForm(app, {
      page: `/rsa/beneficiaires/${person.id}/convoquer`,
      cookie: setup.workerCookie,
      fields: { creneau: slot, canal: 'sms' },
    });
    expect(response.statusCode).toBe(303);
    const toPerson = await db
      .select({ template: outboxMessages.template })
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, '+33612349876'));
    expect(toPerson.map((m) => m.template)).toEqual(['rsa.convocation-sms']);
  });

  it('convocation: the agent books a slot, the letter is queued and its PDF downloads (audited)', async () => {
    const setup = await newOrientationSetup(db, { bookableBy: 'agents' });
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
      phone: null,
      email: null,
      status: 'invitation_expiree',
    });
    const page = await app.inject({
      url: `/rsa/beneficiaires/${person.id}/convoquer`,
      headers: { cookie: setup.workerCookie },
    });
    expect(page.statusCode).toBe(200);
    const slot = /name="creneau" value="([^"]+)"/.exec(page.body)![1]!.replaceAll('&amp;', '&');
    const { response } = await submitForm(app, {
      page: `/rsa/beneficiaires/${person.id}/convoquer`,
      cookie: setup.workerCookie,
      fields: { creneau: slot, canal: 'letter' },
    });
    expect(response.statusCode).toBe(303);
    expect((await beneficiary(person.id)).status).toBe('rdv_pris');
    const [convocation] = await invitationsOf(person.id);
    expect(convocation).toMatchObject({ kind: 'convocation', channel: 'letter', nextReminderAt: null });
    expect(convocation!.appointmentId).not.toBeNull();
    expect(convocation!.bookedAt).not.toBeNull();
    const [letter] = await messagesAbout(person.id);
    expect(letter).toMatchObject({ template: 'rsa.convocation-letter', status: 'queued' });
    expect(textOf(letter!)).toContain('Convocation à votre premier entretien RSA');

    const pdf = await app.inject({
      url: `/rsa/invitations/${convocation!.id}/lettre.pdf`,
      headers: { cookie: setup.workerCookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const exports = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, convocation!.id), eq(auditEvents.action, 'export')));
    expect(exports).toHaveLength(1);
    const stranger = await newAgent(db, {
      memberships: [{ organisationId: (await newOrganisation(db)).id, role: 'admin' }],
    });
    const denied = await app.inject({
      url: `/rsa/invitations/${convocation!.id}/lettre.pdf`,
      headers: { cookie: await signInAs(db, stranger.id) },
    });
    expect(denied.statusCode).toBe(404);
  });

  it('convocation of a slot just taken: the page offers the next ones (409)', async () => {
    const setup = await newOrientationSetup(db);
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
    });
    const page = await app.inject({
      url: `/rsa/beneficiaires/${person.id}/convoquer`,
      headers: { cookie: setup.workerCookie },
    });
    const slot = /name="creneau" value="([^"]+)"/.exec(page.body)![1]!;
    const [, , instant] = slot.split('|');
    const other = await newCitizen(db, { organisationId: setup.organisation.id });
    await newAppointment(db, {
      organisationId: setup.organisation.id,
      appointmentTypeId: setup.type.id,
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt: new Date(instant!),
      endsAt: new Date(new Date(instant!).getTime() + 45 * 60_000),
      citizenId: other.id,
    });
    const { response } = await submitForm(app, {
      page: `/rsa/beneficiaires/${person.id}/convoquer`,
      cookie: setup.workerCookie,
      fields: { creneau: slot, canal: 'sms' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Ce créneau vient d’être pris');
    expect(response.body).toContain('name="creneau"');
    expect(await invitationsOf(person.id)).toHaveLength(0);
    expect((await beneficiary(person.id)).status).toBe('non_invite');
  });

  it('« RDV à statuer » an hour after an orientation meeting nobody marked', async () => {
    const setup = await newOrientationSetup(db);
    const person = await newBeneficiary(db, {
      organisationId: setup.organisation.id,
      territoryId: setup.territoryId,
      status: 'rdv_pris',
    });
    const citizen = await newCitizen(db, {
      organisationId: setup.organisation.id,
      externalRef: citizenRefOf(person.id),
    });
    const startsAt = new Date('2029-06-04T08:00:00Z');
    const endsAt = new Date('2029-06-04T08:45:00Z');
    await newAppointment(db, {
      organisationId: setup.organisation.id,
      appointmentTypeId: setup.type.id,
      agentId: setup.agent.id,
      placeId: setup.place.id,
      startsAt,
      endsAt,
      citizenId: citizen.id,
    });
    await flagAppointmentsAwaitingDecision(t.platform, new Date(endsAt.getTime() + 30 * 60_000));
    expect((await beneficiary(person.id)).status).toBe('rdv_pris');
    await flagAppointmentsAwaitingDecision(t.platform, new Date(endsAt.getTime() + 2 * 3_600_000));
    expect((await beneficiary(person.id)).status).toBe('rdv_a_statuer');
  });
});
