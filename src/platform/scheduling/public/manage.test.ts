import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { findParticipationDetails } from '../appointments.repository.ts';
import { manageLinkPath } from '../manage-link.ts';
import { places } from '../tables.ts';
import { newBookableSetup, newSectorCommune } from '../testing.ts';
import { firstHref, get, hrefsIn, submitContact, textOf, walkToContactPage } from './testing.ts';

/**
 * The signed link of the confirmation: see, cancel (with a confirmation step), move (another free
 * time, then a confirmation step), until the type's change limit; bad and expired links explained.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

/** Books the first free time of a fresh type through the public pages; returns the manage link. */
async function bookThroughPages(commune: string, type: Parameters<typeof newBookableSetup>[1] = {}) {
  const db = ctx.platform.database.db;
  const setup = await newBookableSetup(db, type);
  await db
    .update(places)
    .set({ communeCode: commune, phone: '04 94 55 66 77', name: 'Maison départementale' })
    .where(eq(places.id, setup.place.id));
  await newSectorCommune(db, { organisationId: setup.organisation.id, communeCode: commune });
  const contactPage = await walkToContactPage(ctx.app, `/rdv/motifs?commune=${commune}`, setup.type.name);
  const { response } = await submitContact(ctx.app, contactPage, {
    prenom: 'Camille',
    nom: 'Lefèvre',
    email: 'camille.lefevre@exemple.fr',
  });
  expect(response.statusCode).toBe(303);
  const manage = (response.headers.location as string).replace('/rdv/confirmation/', '/rdv/gerer/');
  const participantId = manage.split('/')[3]!.split('?')[0]!;
  return { ...setup, manage, participantId, contactPage };
}

describe('the manage link', () => {
  test('shows the appointment; « Annuler » asks once more, then cancels with a POST and redirects', async () => {
    const db = ctx.platform.database.db;
    const { manage, participantId } = await bookThroughPages('83069', { type: { changeLimitHours: 0 } });
    const page = await get(ctx.app, manage);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Votre rendez-vous');
    expect(text).toContain('Maison départementale');
    expect(text).toContain('Déplacer le rendez-vous');
    expect(page.body.match(/<h1/g)).toHaveLength(1);

    const cancelPage = firstHref(page.body, `/rdv/gerer/${participantId}/annuler`);
    const confirm = await get(ctx.app, cancelPage);
    expect(confirm.statusCode).toBe(200);
    expect(textOf(confirm.body)).toContain('Annuler le rendez-vous ?');
    expect((await findParticipationDetails(db, participantId))!.participant.status).toBe('a_venir');

    const { response, cookie } = await submitForm(ctx.app, { page: cancelPage, fields: {} });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(manage);
    expect((await findParticipationDetails(db, participantId))!.participant.status).toBe('annule');
    const after = await get(ctx.app, manage, cookie);
    expect(textOf(after.body)).toContain('Votre rendez-vous est annulé.');
    expect(textOf(after.body)).toContain('Ce rendez-vous est annulé');
    expect(textOf(after.body)).not.toContain('Déplacer le rendez-vous');
  });

  test('« Déplacer »: a week of times, a confirmation step, a POST; the new link follows the new time', async () => {
    const db = ctx.platform.database.db;
    const { manage, participantId } = await bookThroughPages('83112', { type: { changeLimitHours: 0 } });
    const before = (await findParticipationDetails(db, participantId))!;
    const page = await get(ctx.app, manage);
    const movePage = await get(ctx.app, firstHref(page.body, `/rdv/gerer/${participantId}/deplacer`));
    expect(movePage.statusCode).toBe(200);
    expect(textOf(movePage.body)).toContain('Déplacer le rendez-vous');
    // Not the current time: the second time offered.
    const confirmHref = hrefsIn(movePage.body, `/rdv/gerer/${participantId}/deplacer/confirmer`)[1]!;
    const newStart = new Date(new URL(confirmHref, 'http://x').searchParams.get('debut')!);
    expect(newStart.getTime()).not.toBe(before.appointment.startsAt.getTime());

    const confirm = await get(ctx.app, confirmHref);
    expect(confirm.statusCode).toBe(200);
    expect(textOf(confirm.body)).toContain('Nouvel horaire');
    const action = /<form method="post" action="([^"]+)"/.exec(confirm.body)![1]!.replaceAll('&amp;', '&');
    const { response, cookie } = await submitForm(ctx.app, { page: confirmHref, action, fields: {} });
    expect(response.statusCode).toBe(303);
    const after = (await findParticipationDetails(db, participantId))!;
    expect(after.appointment.startsAt.getTime()).toBe(newStart.getTime());
    expect(after.participant.status).toBe('a_venir');
    const newLink = response.headers.location as string;
    expect(newLink).toBe(
      manageLinkPath(ctx.platform.config.secretKey, participantId, after.appointment.endsAt),
    );
    const shown = await get(ctx.app, newLink, cookie);
    expect(textOf(shown.body)).toContain('Votre rendez-vous est déplacé');
  });

  test('past the change limit: no button, the place’s phone, and the POSTs change nothing', async () => {
    const db = ctx.platform.database.db;
    // The first free time is within the next day: a 72-hour limit has passed already.
    const { manage, participantId, contactPage } = await bookThroughPages('83116', {
      type: { changeLimitHours: 72 },
    });
    const page = await get(ctx.app, manage);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Il est trop tard pour le modifier en ligne');
    expect(text).toContain('04 94 55 66 77');
    expect(text).not.toContain('Annuler le rendez-vous');
    expect(hrefsIn(page.body, `/rdv/gerer/${participantId}/annuler`)).toEqual([]);

    // A form kept open in another tab, sent late: refused, nothing changed.
    const cancelPage = manage.replace('?', '/annuler?');
    const { response: refused } = await submitForm(ctx.app, {
      page: contactPage,
      action: cancelPage,
      fields: {},
    });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toBe(manage);
    expect((await findParticipationDetails(db, participantId))!.participant.status).toBe('a_venir');
    expect((await get(ctx.app, cancelPage)).statusCode).toBe(303);
    expect((await get(ctx.app, manage.replace('?', '/deplacer?'))).statusCode).toBe(303);
  });

  test('a bad signature answers 404, an expired link 410, each with a French page', async () => {
    const { participantId } = await bookThroughPages('83098');
    const { secretKey } = ctx.platform.config;
    // One character of the signature changed (to another one: a signature may start with X).
    const altered = manageLinkPath(secretKey, participantId, new Date(Date.now() + 86_400_000)).replace(
      /sig=(.)/,
      (_, first: string) => `sig=${first === 'X' ? 'Y' : 'X'}`,
    );
    const bad = await get(ctx.app, altered);
    expect(bad.statusCode).toBe(404);
    expect(textOf(bad.body)).toContain('Ce lien ne fonctionne pas');
    expect((await get(ctx.app, `/rdv/gerer/${participantId}`)).statusCode).toBe(404);
    expect((await get(ctx.app, altered.replace('/rdv/gerer/', '/rdv/confirmation/'))).statusCode).toBe(404);

    const expired = manageLinkPath(secretKey, participantId, new Date(Date.now() - 60_000));
    const old = await get(ctx.app, expired);
    expect(old.statusCode).toBe(410);
    expect(textOf(old.body)).toContain('Ce lien a expiré');
    expect((await get(ctx.app, expired.replace('?', '/rendez-vous.ics?'))).statusCode).toBe(410);

    const unknown = manageLinkPath(
      secretKey,
      '00000000-0000-4000-8000-000000000000',
      new Date(Date.now() + 60_000),
    );
    expect((await get(ctx.app, unknown)).statusCode).toBe(404);
  });
});
