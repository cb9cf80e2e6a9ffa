import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outboxMessages } from '../../messaging/tables.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { appointmentParticipants, appointments, citizens, places } from '../tables.ts';
import { newAppointmentType, newBookableSetup, newPlace, newSectorCommune } from '../testing.ts';
import { firstHref, get, hrefsIn, submitContact, textOf, walkToContactPage } from './testing.ts';

/**
 * The booking journey over HTTP, as a browser without JavaScript goes through it: GET pages and
 * links, one GET form (the commune), one POST form (contact details) answered by a redirect.
 * Each test sets up its own organisation serving its own commune, so tests do not see each other.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

/** An organisation serving `commune`, with a place there, one agent and a type bookable by everyone. */
async function bookable(commune: string, type: Parameters<typeof newBookableSetup>[1] = {}) {
  const db = ctx.platform.database.db;
  const setup = await newBookableSetup(db, type);
  await db
    .update(places)
    .set({ communeCode: commune, phone: '04 94 00 00 01' })
    .where(eq(places.id, setup.place.id));
  await newSectorCommune(db, { organisationId: setup.organisation.id, communeCode: commune });
  return setup;
}

describe('step 1: the commune', () => {
  test('the page asks for the commune with a GET form and one h1', async () => {
    const page = await get(ctx.app, '/rdv');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    expect(textOf(page.body)).toContain('Étape 1 sur 6');
    expect(page.body).toContain('class="fr-stepper"');
    expect(page.body).toMatch(/<form method="get" action="\/rdv"/);
    expect(page.body).toContain('<label class="fr-label" for="champ-recherche">');
  });

  test('a postal code of one commune goes straight to its types', async () => {
    const page = await get(ctx.app, '/rdv?recherche=83500');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/rdv/motifs?commune=83126');
  });

  test('several matches are offered as radios in a fieldset with a legend', async () => {
    const page = await get(ctx.app, '/rdv?recherche=Saint-Cyr');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<fieldset class="fr-fieldset" id="choix-commune"');
    expect(page.body).toContain('<legend');
    expect(page.body).toMatch(/<form method="get" action="\/rdv\/motifs">/);
    expect(page.body.match(/type="radio"/g)!.length).toBeGreaterThan(1);
    expect(textOf(page.body)).toContain('Saint-Cyr-sur-Mer (83270)');
  });

  test('nothing found: a French message on the field, with the summary', async () => {
    const page = await get(ctx.app, '/rdv?recherche=Xyzzyville');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('id="resume-erreurs"');
    expect(textOf(page.body)).toContain('Aucune commune ne correspond à « Xyzzyville »');
    expect(page.body).toContain('aria-invalid="true"');
  });
});

describe('step 2: the types of the commune', () => {
  test('types bookable by everyone of the organisations serving the commune, by category, with how', async () => {
    const db = ctx.platform.database.db;
    const { organisation, type } = await bookable('83137', {
      type: { name: 'Premier accueil social', category: 'Social', location: 'sur_place' },
    });
    await newAppointmentType(db, {
      organisationId: organisation.id,
      name: 'Entretien téléphonique',
      category: 'Social',
      location: 'telephone',
    });
    await newAppointmentType(db, {
      organisationId: organisation.id,
      name: 'Réservé aux agents',
      bookableBy: 'agents',
    });
    await newAppointmentType(db, {
      organisationId: organisation.id,
      name: 'Sur invitation',
      bookableBy: 'invited',
    });
    await newAppointmentType(db, {
      organisationId: organisation.id,
      name: 'Archivé',
      archivedAt: new Date(),
    });
    // A follow-up type is given by the person's own référent: not offered to an unknown visitor.
    await newAppointmentType(db, {
      organisationId: organisation.id,
      name: 'Suivi référent',
      followUpOnly: true,
    });
    const elsewhere = await newBookableSetup(db, { type: { name: 'Ailleurs' } });
    await newSectorCommune(db, { organisationId: elsewhere.organisation.id, communeCode: '83050' });

    const page = await get(ctx.app, '/rdv/motifs?commune=83137');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Étape 2 sur 6');
    expect(text).toContain('Commune : Toulon');
    expect(page.body).toContain('<h2 class="fr-h4">Social</h2>');
    expect(text).toContain('Premier accueil social');
    expect(text).toContain('Entretien téléphonique');
    expect(text).toContain('Par téléphone');
    expect(text).toContain('Sur place');
    for (const hidden of ['Réservé aux agents', 'Sur invitation', 'Archivé', 'Suivi référent', 'Ailleurs'])
      expect(text).not.toContain(hidden);
    expect(hrefsIn(page.body, '/rdv/lieux')).toContain(`/rdv/lieux?commune=83137&motif=${type.id}`);
  });

  test('no type: a clear message with the numbers to call', async () => {
    const db = ctx.platform.database.db;
    const { organisation } = await newBookableSetup(db, { type: { bookableBy: 'agents' } });
    await newPlace(db, {
      organisationId: organisation.id,
      name: 'Maison des solidarités',
      phone: '04 94 11 22 33',
    });
    await newSectorCommune(db, { organisationId: organisation.id, communeCode: '83023' });
    const page = await get(ctx.app, '/rdv/motifs?commune=83023');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Aucun rendez-vous ne peut être pris en ligne');
    expect(text).toContain('Maison des solidarités : 04 94 11 22 33');

    const nobody = await get(ctx.app, '/rdv/motifs?commune=2A004');
    expect(textOf(nobody.body)).toContain('Aucun service utilisant Tremplin ne couvre votre commune');
  });

  test('without a commune, back to step 1', async () => {
    const page = await get(ctx.app, '/rdv/motifs?commune=99999');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/rdv');
  });
});

describe('steps 3 to 6: place, week, contact details, confirmation', () => {
  test('the whole journey through links and one form post, then the confirmation and its messages', async () => {
    const db = ctx.platform.database.db;
    const { type, place } = await bookable('83061', {
      type: { name: 'Rendez-vous d’orientation', instructions: 'Apportez une pièce d’identité.' },
    });
    await db
      .update(places)
      .set({ name: 'Espace Fréjus', accessibilityNotes: 'Accessible en fauteuil roulant.' })
      .where(eq(places.id, place.id));

    const placesPage = await get(ctx.app, `/rdv/lieux?commune=83061&motif=${type.id}`);
    expect(placesPage.statusCode).toBe(200);
    expect(textOf(placesPage.body)).toContain('Étape 3 sur 6');
    expect(textOf(placesPage.body)).toContain('Espace Fréjus');
    expect(textOf(placesPage.body)).toContain('Accessibilité : Accessible en fauteuil roulant.');
    expect(textOf(placesPage.body)).toContain('Premier créneau :');

    const week = await get(ctx.app, firstHref(placesPage.body, '/rdv/creneaux'));
    expect(week.statusCode).toBe(200);
    expect(textOf(week.body)).toContain('Étape 4 sur 6');
    expect(textOf(week.body)).toContain('Semaine du');
    expect(hrefsIn(week.body, '/rdv/creneaux').some((h) => h.includes('du='))).toBe(true);
    const contactPage = firstHref(week.body, '/rdv/coordonnees');

    const form = await get(ctx.app, contactPage);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Étape 5 sur 6');
    expect(textOf(form.body)).toContain('Apportez une pièce d’identité.');
    expect(form.body).toContain('<form method="post"');
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).not.toMatch(/besoins|santé/i);

    const { response, cookie } = await submitContact(ctx.app, contactPage, {
      prenom: 'Dominique',
      nom: 'Martin',
      telephone: '06 12 34 56 78',
      email: 'Dominique.Martin@exemple.fr',
    });
    expect(response.statusCode).toBe(303);
    const confirmation = response.headers.location as string;
    expect(confirmation).toMatch(/^\/rdv\/confirmation\/[0-9a-f-]{36}\?exp=\d+&sig=/);

    const done = await get(ctx.app, confirmation, cookie);
    expect(done.statusCode).toBe(200);
    const text = textOf(done.body);
    expect(text).toContain('Étape 6 sur 6');
    expect(text).toContain('Votre rendez-vous est confirmé');
    expect(text).toContain('Rendez-vous d’orientation');
    expect(text).toContain('Espace Fréjus');
    expect(text).toContain('Ajouter à mon agenda');
    expect(done.body.match(/<h1/g)).toHaveLength(1);
    const manage = hrefsIn(done.body, '/rdv/gerer/').find((h) => !h.includes('.ics'));
    expect(manage).toBe(confirmation.replace('/rdv/confirmation/', '/rdv/gerer/'));

    const ics = await get(
      ctx.app,
      hrefsIn(done.body, '/rdv/gerer/').find((h) => h.includes('/rendez-vous.ics'))!,
    );
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('SUMMARY:Rendez-vous : Rendez-vous d’orientation');

    const participantId = confirmation.split('/')[3]!.split('?')[0]!;
    const [row] = await db
      .select({
        bookedVia: appointmentParticipants.bookedVia,
        phone: citizens.phone,
        email: citizens.email,
        commune: citizens.communeCode,
      })
      .from(appointmentParticipants)
      .innerJoin(citizens, eq(citizens.id, appointmentParticipants.citizenId))
      .where(eq(appointmentParticipants.id, participantId));
    expect(row).toEqual({
      bookedVia: 'public',
      phone: '+33612345678',
      email: 'dominique.martin@exemple.fr',
      commune: '83061',
    });
    const messages = await db
      .select({ template: outboxMessages.template, recipient: outboxMessages.recipient })
      .from(outboxMessages)
      .where(
        eq(
          outboxMessages.subjectId,
          (
            await db
              .select({ id: appointmentParticipants.citizenId })
              .from(appointmentParticipants)
              .where(eq(appointmentParticipants.id, participantId))
          )[0]!.id,
        ),
      );
    expect(messages.map((m) => m.template).sort()).toEqual([
      'scheduling.confirmation-email',
      'scheduling.confirmation-sms',
    ]);
  });

  test('missing contact: a message under each field and in the summary, and what was typed kept', async () => {
    const { type } = await bookable('83118');
    const contactPage = await walkToContactPage(ctx.app, '/rdv/motifs?commune=83118', type.name);
    const { response } = await submitContact(ctx.app, contactPage, {
      prenom: 'Alix',
      nom: '',
      telephone: '',
      email: '',
    });
    expect(response.statusCode).toBe(400);
    const text = textOf(response.body);
    expect(response.body).toContain('id="resume-erreurs"');
    expect(text).toContain('Nom : Saisissez votre nom.');
    expect(text).toContain(
      'Téléphone portable : Indiquez un numéro de téléphone portable ou une adresse électronique',
    );
    expect(response.body).toContain('id="champ-telephone-erreur"');
    expect(response.body).toContain('id="champ-email-erreur"');
    expect(response.body).toMatch(/name="prenom"[^>]*value="Alix"/);

    const { response: badPhone } = await submitContact(ctx.app, contactPage, {
      prenom: 'Alix',
      nom: 'Durand',
      telephone: '04 94 00 00 00',
      email: 'pas-une-adresse',
    });
    expect(badPhone.statusCode).toBe(400);
    expect(textOf(badPhone.body)).toContain('Saisissez un numéro de téléphone portable');
    expect(textOf(badPhone.body)).toContain('Saisissez une adresse électronique valide');
  });

  test('a slot taken meanwhile: « Ce créneau vient d’être pris », the next times to choose, what was typed kept', async () => {
    const db = ctx.platform.database.db;
    const { type } = await bookable('83090');
    const contactPage = await walkToContactPage(ctx.app, '/rdv/motifs?commune=83090', type.name);
    const first = await submitContact(ctx.app, contactPage, {
      prenom: 'Anne',
      nom: 'Premier',
      email: 'anne@exemple.fr',
    });
    expect(first.response.statusCode).toBe(303);

    const second = await submitContact(ctx.app, contactPage, {
      prenom: 'Bruno',
      nom: 'Second',
      telephone: '06 98 76 54 32',
    });
    expect(second.response.statusCode).toBe(409);
    const html = second.response.body;
    expect(textOf(html)).toContain('Ce créneau vient d’être pris');
    expect(html).toContain(
      '<legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="champ-creneau-legende">Autres horaires libres</legend>',
    );
    expect(html.match(/name="creneau"/g)!.length).toBeGreaterThan(0);
    expect(html).toMatch(/name="prenom"[^>]*value="Bruno"/);
    expect(html).toMatch(/name="nom"[^>]*value="Second"/);
    expect(html).toMatch(/name="telephone"[^>]*value="06 98 76 54 32"/);

    // Choosing the first of the next times books it.
    const choice = /name="creneau" value="([^"]+)" checked/.exec(html)?.[1];
    expect(choice).toBeTruthy();
    const retry = await submitContact(
      ctx.app,
      contactPage,
      {
        prenom: 'Bruno',
        nom: 'Second',
        telephone: '06 98 76 54 32',
        creneau: choice!,
      },
      second.cookie,
    );
    expect(retry.response.statusCode).toBe(303);
    const rows = await db
      .select({ startsAt: appointments.startsAt })
      .from(appointments)
      .where(and(eq(appointments.appointmentTypeId, type.id)));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.startsAt.toISOString())).size).toBe(2);
  });

  test('a type of another organisation, or not for everyone, is not found', async () => {
    const db = ctx.platform.database.db;
    const { organisation } = await bookable('83100');
    const agentsOnly = await newAppointmentType(db, {
      organisationId: organisation.id,
      bookableBy: 'agents',
    });
    const other = await newBookableSetup(db);
    for (const motif of [agentsOnly.id, other.type.id, 'pas-un-uuid']) {
      const page = await get(ctx.app, `/rdv/lieux?commune=83100&motif=${motif}`);
      expect(page.statusCode).toBe(404);
    }
  });
});

describe('rate limit', () => {
  test('booking posts from one address are limited (30 per 10 minutes), then answered 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/rdv/coordonnees?commune=83126',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'prenom=A',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(30);
  });
});
