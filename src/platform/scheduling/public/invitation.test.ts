import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { findParticipationDetails } from '../appointments.repository.ts';
import { invitationLinkPath } from '../invitation-link.ts';
import { citizens } from '../tables.ts';
import { newAppointmentType, newBookableSetup, newCitizen, newOpeningSlot } from '../testing.ts';
import { firstHref, get, hrefsIn, submitContact, textOf } from './testing.ts';

/**
 * Invitation links (invitation-link.ts): the invited person books, without a commune, the types of
 * the inviting organisation bookable by invited people or everyone, with their details prefilled.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000);

async function invitedSetup() {
  const db = ctx.platform.database.db;
  const setup = await newBookableSetup(db, {
    type: { name: 'Orientation sur invitation', bookableBy: 'invited' },
  });
  const everyone = await newAppointmentType(db, {
    organisationId: setup.organisation.id,
    name: 'Information collective ouverte',
    category: 'Information',
  });
  const agentsOnly = await newAppointmentType(db, {
    organisationId: setup.organisation.id,
    name: 'Réservé aux agents',
    bookableBy: 'agents',
  });
  await newOpeningSlot(db, {
    organisationId: setup.organisation.id,
    agentId: setup.agent.id,
    placeId: setup.place.id,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: '18:00',
    endTime: '20:00',
    openOnHolidays: true,
    appointmentTypeIds: [everyone.id, agentsOnly.id],
  });
  const citizen = await newCitizen(db, {
    organisationId: setup.organisation.id,
    firstName: 'Nadia',
    lastName: 'Belkacem',
    phone: '+33611223344',
    email: 'nadia.belkacem@exemple.fr',
    communeCode: '83126',
  });
  return { ...setup, citizen, everyone, agentsOnly };
}

describe('invitation links', () => {
  test('the invited person sees the organisation’s invited and public types, and books with details prefilled', async () => {
    const db = ctx.platform.database.db;
    const { organisation, citizen, type } = await invitedSetup();
    const link = invitationLinkPath(ctx.platform.config.secretKey, {
      citizenId: citizen.id,
      organisationId: organisation.id,
      expiresAt: inTwoWeeks(),
    });
    const page = await get(ctx.app, link);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Bonjour Nadia');
    expect(text).toContain('Orientation sur invitation');
    expect(text).toContain('Information collective ouverte');
    expect(text).not.toContain('Réservé aux agents');

    const typeLink = hrefsIn(page.body, '/rdv/lieux').find((h) => h.includes(type.id))!;
    expect(typeLink).toContain('invitation=');
    const placesPage = await get(ctx.app, typeLink);
    expect(placesPage.statusCode).toBe(200);
    const week = await get(ctx.app, firstHref(placesPage.body, '/rdv/creneaux'));
    const contactPage = firstHref(week.body, '/rdv/coordonnees');
    const form = await get(ctx.app, contactPage);
    expect(form.body).toMatch(/name="prenom"[^>]*value="Nadia"/);
    expect(form.body).toMatch(/name="nom"[^>]*value="Belkacem"/);
    expect(form.body).toMatch(/name="telephone"[^>]*value="\+33611223344"/);
    expect(form.body).toMatch(/name="email"[^>]*value="nadia.belkacem@exemple.fr"/);

    // The person corrects their email: saved with the booking, on their own record (no duplicate).
    const { response } = await submitContact(ctx.app, contactPage, {
      prenom: 'Nadia',
      nom: 'Belkacem',
      telephone: '+33611223344',
      email: 'nadia.b@exemple.fr',
    });
    expect(response.statusCode).toBe(303);
    const participantId = (response.headers.location as string).split('/')[3]!.split('?')[0]!;
    const details = (await findParticipationDetails(db, participantId))!;
    expect(details.participant.bookedVia).toBe('invitation');
    expect(details.citizen.id).toBe(citizen.id);
    expect(details.citizen.email).toBe('nadia.b@exemple.fr');
    const people = await db.select().from(citizens).where(eq(citizens.organisationId, organisation.id));
    expect(people).toHaveLength(1);
  });

  test('a link naming one type goes straight to its places', async () => {
    const { organisation, citizen, type } = await invitedSetup();
    const link = invitationLinkPath(ctx.platform.config.secretKey, {
      citizenId: citizen.id,
      organisationId: organisation.id,
      appointmentTypeId: type.id,
      expiresAt: inTwoWeeks(),
    });
    const page = await get(ctx.app, link);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain(`/rdv/lieux?invitation=`);
    expect(page.headers.location).toContain(`motif=${type.id}`);
    // Another type of the organisation is not offered through this link.
    const { everyone } = await invitedSetup();
    const token = link.split('/').at(-1)!;
    expect((await get(ctx.app, `/rdv/lieux?invitation=${token}&motif=${everyone.id}`)).statusCode).toBe(404);
  });

  test('a wrong signature answers 404 and an expired link 410, each explained in French', async () => {
    const { organisation, citizen, type } = await invitedSetup();
    const { secretKey } = ctx.platform.config;
    const good = invitationLinkPath(secretKey, {
      citizenId: citizen.id,
      organisationId: organisation.id,
      expiresAt: inTwoWeeks(),
    });
    const forged = `${good.slice(0, -3)}abc`;
    const bad = await get(ctx.app, forged);
    expect(bad.statusCode).toBe(404);
    expect(textOf(bad.body)).toContain('Ce lien d’invitation ne fonctionne pas');
    const token = forged.split('/').at(-1)!;
    expect((await get(ctx.app, `/rdv/lieux?invitation=${token}&motif=${type.id}`)).statusCode).toBe(404);

    const expired = invitationLinkPath(secretKey, {
      citizenId: citizen.id,
      organisationId: organisation.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    const old = await get(ctx.app, expired);
    expect(old.statusCode).toBe(410);
    expect(textOf(old.body)).toContain('Cette invitation a expiré');

    // Signed for a person of another organisation: refused like a forgery.
    const other = await newCitizen(ctx.platform.database.db);
    const mismatched = invitationLinkPath(secretKey, {
      citizenId: other.id,
      organisationId: organisation.id,
      expiresAt: inTwoWeeks(),
    });
    expect((await get(ctx.app, mismatched)).statusCode).toBe(404);
  });
});
