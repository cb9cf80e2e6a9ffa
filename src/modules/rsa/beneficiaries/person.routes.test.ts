import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { citizenReferents, citizens } from '../../../platform/scheduling/tables.ts';
import {
  newAppointment,
  newAppointmentType,
  newCitizen,
  newPlace,
  newSectorCommune,
} from '../../../platform/scheduling/testing.ts';
import { auditTrail, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { citizenRefOf } from '../appointment-sync.ts';
import { rsaModule } from '../index.ts';
import { setBeneficiaryStatus } from '../status.ts';
import { beneficiaries, invitations, notes, orientationDecisions, questionnaireAnswers } from '../tables.ts';
import { twoTerritories } from './staff.testing.ts';
import { newBeneficiary } from './testing.ts';

type World = Awaited<ReturnType<typeof twoTerritories>>;

/** The titles of the timeline's entries, newest first. */
function timelineOf(html: string): string[] {
  const list =
    html.split('aria-label="Historique, du plus récent au plus ancien"')[1]?.split('</ol>')[0] ?? '';
  return [...list.matchAll(/<p class="fr-text--bold fr-mb-1v"><span[^>]*><\/span> ([^<]+)/g)].map((m) =>
    m[1]!.trim(),
  );
}

describe('a beneficiary’s page', () => {
  let t: TestContext;
  let w: World;
  let personId: string;
  let citizenId: string;
  const db = () => t.platform.database.db;
  const page = (id: string, cookie: string) => get(t, `/rsa/beneficiaires/${id}`, cookie);

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    w = await twoTerritories(db());
    const organisationId = w.utsLaSeyne.id;
    const person = await newBeneficiary(db(), {
      organisationId,
      lastName: 'Garcia',
      firstName: 'Léa',
      allocataireNumber: '7654321',
      rightsOpenedOn: '2025-03-03',
      nir: '2850483126123',
    });
    personId = person.id;
    const citizen = await newCitizen(db(), {
      organisationId,
      firstName: 'Léa',
      lastName: 'Garcia',
      externalRef: citizenRefOf(person.id),
    });
    citizenId = citizen.id;
    await db().update(beneficiaries).set({ citizenId }).where(eq(beneficiaries.id, personId));

    await setBeneficiaryStatus(db(), personId, 'invitation_envoyee', {
      by: 'agent',
      agentId: w.laSeyneAgent.id,
      at: new Date('2025-03-05T08:00:00Z'),
    });
    await db()
      .insert(invitations)
      .values({
        beneficiaryId: personId,
        organisationId,
        kind: 'invitation',
        channel: 'sms',
        sentAt: new Date('2025-03-05T08:00:00Z'),
        expiresAt: new Date('2025-03-15T08:00:00Z'),
        remindersSent: 1,
        bookedAt: new Date('2025-03-09T10:00:00Z'),
        createdByAgentId: w.laSeyneAgent.id,
      });
    await db()
      .insert(outboxMessages)
      .values({
        organisationId,
        channel: 'sms',
        recipient: '+33612345678',
        recipientNormalised: '+33612345678',
        subjectType: 'rsa_beneficiary',
        subjectId: personId,
        template: 'rsa.invitation.sms',
        data: {},
        idempotencyKey: `test-${personId}`,
        status: 'sent',
        createdAt: new Date('2025-03-05T08:00:01Z'),
        sentAt: new Date('2025-03-05T08:00:02Z'),
      });
    const type = await newAppointmentType(db(), {
      organisationId,
      name: 'Premier rendez-vous RSA',
      category: 'Orientation RSA',
    });
    const place = await newPlace(db(), { organisationId, name: 'Maison départementale' });
    await newAppointment(db(), {
      organisationId,
      appointmentTypeId: type.id,
      agentId: w.laSeyneAgent.id,
      placeId: place.id,
      citizenId,
      status: 'vu',
      startsAt: new Date('2025-03-12T09:00:00Z'),
    });
    await setBeneficiaryStatus(db(), personId, 'rdv_honore', {
      by: 'systeme',
      at: new Date('2025-03-12T10:00:00Z'),
    });
    await db()
      .insert(questionnaireAnswers)
      .values({
        beneficiaryId: personId,
        answers: { logement: 'stable' },
        suggestedOrientation: 'professionnelle',
        filledBy: 'usager',
        submittedAt: new Date('2025-03-10T18:00:00Z'),
      });
    await db()
      .insert(orientationDecisions)
      .values({
        beneficiaryId: personId,
        orientation: 'socio_professionnelle',
        decidedOn: '2025-03-12',
        structureName: 'France Travail',
        decidedByAgentId: w.laSeyneAgent.id,
        createdAt: new Date('2025-03-12T10:30:00Z'),
      });
    await db()
      .insert(notes)
      .values({
        beneficiaryId: personId,
        agentId: w.laSeyneAgent.id,
        body: 'Préfère être appelée le matin.',
        createdAt: new Date('2025-03-06T09:00:00Z'),
      });
  });
  afterAll(() => t.close());

  it('shows identity, follow-up and the whole timeline, newest first; the read is audited', async () => {
    const response = await page(personId, w.laSeyneAgent.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1 class="fr-mb-1w">GARCIA Léa</h1>');
    expect(response.body).toContain('7654321');
    expect(response.body).toContain('UTS La Seyne');
    // No NIR shown while the département has not switched NIRs on.
    expect(response.body).not.toContain('2850483126123');
    expect(timelineOf(response.body)).toEqual([
      'Décision d’orientation : socio-professionnelle',
      'Statut : RDV honoré',
      'Rendez-vous : Premier rendez-vous RSA',
      'Questionnaire d’orientation rempli par la personne',
      `Note de Inès ${w.laSeyneAgent.lastName}`,
      'SMS : rsa.invitation.sms',
      'Statut : Invitation envoyée',
      'Invitation par SMS',
    ]);
    expect(response.body).toContain('Orientation suggérée : professionnelle');
    expect(response.body).toContain('Structure qui accompagne la personne : France Travail');
    expect(response.body).toContain('Préfère être appelée le matin.');
    expect(response.body).toContain('1 relance envoyée');
    // Actions of the other parts of the module are linked.
    for (const path of ['/convoquer', '/questionnaire', '/orientation', '/modifier', '/donnees']) {
      expect(response.body).toContain(`href="/rsa/beneficiaires/${personId}${path}"`);
    }
    const reads = await auditTrail(db(), {
      action: 'read',
      resourceType: 'rsa_beneficiary',
      resourceId: personId,
    });
    expect(reads.at(-1)).toMatchObject({ actorId: w.laSeyneAgent.id, organisationId: w.utsLaSeyne.id });
  });

  it('is seen by the direction of the territory; read-only members get no forms', async () => {
    expect((await page(personId, w.directionAgent.cookie)).statusCode).toBe(200);
    const reader = await page(personId, w.laSeyneReader.cookie);
    expect(reader.statusCode).toBe(200);
    expect(reader.body).not.toMatch(/method="post" action="\/rsa/);
    expect(reader.body).not.toContain('/modifier"');
    expect((await get(t, `/rsa/beneficiaires/${personId}/modifier`, w.laSeyneReader.cookie)).statusCode).toBe(
      403,
    );
  });

  it('does not exist for another UTS or another territory: 404 everywhere, the attempt audited', async () => {
    for (const cookie of [w.pauAgent.cookie, w.draguignanAgent.cookie]) {
      expect((await page(personId, cookie)).statusCode).toBe(404);
      expect((await get(t, `/rsa/beneficiaires/${personId}/modifier`, cookie)).statusCode).toBe(404);
    }
    const denied = await auditTrail(db(), { action: 'denied', resourceId: personId, actorId: w.pauAgent.id });
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied[0]).toMatchObject({ resourceType: 'rsa_beneficiary', territoryId: w.varTerritory.id });
    // Posting needs the page's CSRF token: take one from the list, then try every form.
    for (const action of ['/notes', '/statut', '/modifier']) {
      const { response } = await submitForm(t.app, {
        page: '/rsa',
        action: `/rsa/beneficiaires/${personId}${action}`,
        fields: {
          texte: 'intrus',
          action: 'clore',
          motif: 'intrus',
          nom: 'X',
          prenom: 'Y',
          role: 'demandeur',
          organisation: w.pau.id,
        },
        cookie: w.pauAgent.cookie,
      });
      expect(response.statusCode).toBe(404);
    }
    // Not a UUID, or unknown: the same answer.
    expect((await page('pas-un-id', w.laSeyneAgent.cookie)).statusCode).toBe(404);
    expect((await page('00000000-0000-4000-8000-000000000000', w.laSeyneAgent.cookie)).statusCode).toBe(404);
  });

  it('adds notes to the timeline (1 to 5,000 characters), audited', async () => {
    const empty = await submitForm(t.app, {
      page: `/rsa/beneficiaires/${personId}`,
      action: `/rsa/beneficiaires/${personId}/notes`,
      fields: { texte: '   ' },
      cookie: w.laSeyneAgent.cookie,
    });
    expect(empty.response.statusCode).toBe(400);
    expect(fieldError(empty.response.body, 'texte')).toBe('Écrivez la note.');
    const long = await submitForm(t.app, {
      page: `/rsa/beneficiaires/${personId}`,
      action: `/rsa/beneficiaires/${personId}/notes`,
      fields: { texte: 'x'.repeat(5001) },
      cookie: w.laSeyneAgent.cookie,
    });
    expect(fieldError(long.response.body, 'texte')).toBe(
      'La note est trop longue (5 000 caractères au plus).',
    );

    const { response, cookie } = await submitForm(t.app, {
      page: `/rsa/beneficiaires/${personId}`,
      action: `/rsa/beneficiaires/${personId}/notes`,
      fields: { texte: 'A rappelé :\nsera là mardi.' },
      cookie: w.directionAgent.cookie,
    });
    expect(response.statusCode).toBe(303);
    const after = await page(personId, cookie);
    expect(after.body).toContain('Note ajoutée à l’historique.');
    expect(timelineOf(after.body)[0]).toBe(`Note de Dominique ${w.directionAgent.lastName}`);
    expect(after.body).toContain('A rappelé :<br/>sera là mardi.');
    const created = await auditTrail(db(), {
      action: 'create',
      resourceType: 'rsa_note',
      actorId: w.directionAgent.id,
    });
    expect(created).toHaveLength(1);
  });

  it('closes a file with a reason (stopping its invitations) and reopens it', async () => {
    const person = await newBeneficiary(db(), {
      organisationId: w.utsLaSeyne.id,
      status: 'invitation_envoyee',
    });
    await db()
      .insert(invitations)
      .values({
        beneficiaryId: person.id,
        organisationId: w.utsLaSeyne.id,
        kind: 'invitation',
        channel: 'email',
        expiresAt: new Date(Date.now() + 5 * 86_400_000),
        nextReminderAt: new Date(Date.now() + 86_400_000),
      });
    const path = `/rsa/beneficiaires/${person.id}`;
    const noReason = await submitForm(t.app, {
      page: path,
      action: `${path}/statut`,
      fields: { action: 'clore', motif: '' },
      cookie: w.laSeyneAgent.cookie,
    });
    expect(noReason.response.statusCode).toBe(400);
    expect(fieldError(noReason.response.body, 'motif')).toBe('Indiquez pourquoi le dossier est clos.');

    const closed = await submitForm(t.app, {
      page: path,
      action: `${path}/statut`,
      fields: { action: 'clore', motif: 'A déménagé dans le Vaucluse' },
      cookie: w.laSeyneAgent.cookie,
    });
    expect(closed.response.statusCode).toBe(303);
    const [row] = await db().select().from(beneficiaries).where(eq(beneficiaries.id, person.id));
    expect(row!.status).toBe('clos');
    const [invitation] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.beneficiaryId, person.id));
    expect(invitation!.closedAt).not.toBeNull();
    expect(invitation!.nextReminderAt).toBeNull();
    const closedPage = await page(person.id, closed.cookie);
    expect(closedPage.body).toContain('Motif : A déménagé dans le Vaucluse');
    expect(closedPage.body).toContain('Rouvrir le dossier');
    // A closed file is not invited.
    expect(closedPage.body).not.toContain(`action="${path}/inviter"`);

    const reopened = await submitForm(t.app, {
      page: path,
      action: `${path}/statut`,
      fields: { action: 'rouvrir' },
      cookie: w.laSeyneAgent.cookie,
    });
    expect(reopened.response.statusCode).toBe(303);
    const [again] = await db().select().from(beneficiaries).where(eq(beneficiaries.id, person.id));
    expect(again!.status).toBe('non_invite');
    const updates = await auditTrail(db(), {
      action: 'update',
      resourceType: 'rsa_beneficiary',
      resourceId: person.id,
    });
    expect(updates.map((u) => (u.details as { status: { to: string } }).status.to)).toEqual([
      'clos',
      'non_invite',
    ]);

    const reader = await submitForm(t.app, {
      page: '/rsa',
      action: `${path}/statut`,
      fields: { action: 'clore', motif: 'lecture seule' },
      cookie: w.laSeyneReader.cookie,
    });
    expect(reader.response.statusCode).toBe(403);
  });

  describe('editing', () => {
    it('shows the record in the form, with the référent the sectorisation suggests', async () => {
      await newSectorCommune(db(), {
        organisationId: w.utsDraguignan.id,
        communeCode: '83050',
        agentId: w.draguignanAgent.id,
      });
      const person = await newBeneficiary(db(), {
        organisationId: w.utsDraguignan.id,
        communeCode: '83050',
        communeName: 'Draguignan',
        postalCode: '83300',
        birthDate: '1990-02-01',
      });
      const form = await get(t, `/rsa/beneficiaires/${person.id}/modifier`, w.draguignanAgent.cookie);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="1990-02-01"');
      const option = new RegExp(`<option value="${w.draguignanAgent.id}"[^>]*>[^<]*</option>`).exec(
        form.body,
      )?.[0];
      expect(option).toContain('selected');
      expect(option).toContain('(sectorisation)');
      // Only the organisations of the territory the agent may manage: their own UTS.
      expect(form.body).toContain('UTS Draguignan');
      expect(form.body).not.toContain('>UTS La Seyne<');
      const direction = await get(t, `/rsa/beneficiaires/${person.id}/modifier`, w.directionAgent.cookie);
      expect(direction.body).toContain('>UTS La Seyne<');
      expect(direction.body).not.toContain('CCAS de Pau');
    });

    it('refuses wrong values field by field, in French, and keeps what was typed', async () => {
      const person = await newBeneficiary(db(), { organisationId: w.utsLaSeyne.id });
      const wrong = {
        nom: '',
        prenom: 'Jo',
        naissance: '31/02/1990',
        role: 'demandeur',
        telephone: '06 12',
        courriel: 'pas-une-adresse',
        commune: 'Nulle-Part-sur-Mer',
        ouverture: '01/01/2999',
        organisation: w.utsLaSeyne.id,
        referent: w.draguignanAgent.id,
      };
      const { response } = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${person.id}/modifier`,
        fields: wrong,
        cookie: w.laSeyneAgent.cookie,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'nom')).toBe('Saisissez le nom.');
      // The form's own checks come first; the others after the name is given.
      const second = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${person.id}/modifier`,
        fields: { ...wrong, nom: 'Dupont' },
        cookie: w.laSeyneAgent.cookie,
      });
      const html = second.response.body;
      expect(second.response.statusCode).toBe(400);
      expect(fieldError(html, 'naissance')).toBe(
        'Saisissez la date de naissance au format jj/mm/aaaa, par exemple 14/07/2024.',
      );
      expect(fieldError(html, 'telephone')).toContain('Ce numéro de téléphone n’existe pas');
      expect(fieldError(html, 'courriel')).toBe(
        'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
      );
      expect(fieldError(html, 'commune')).toContain('Cette commune est inconnue');
      expect(fieldError(html, 'ouverture')).toBe(
        'La date d’ouverture des droits ne peut pas être dans le futur.',
      );
      expect(fieldError(html, 'referent')).toBe(
        'Choisissez un référent parmi les agents de UTS La Seyne, ou aucun.',
      );
      expect(html).toContain('value="pas-une-adresse"');
      const [unchanged] = await db().select().from(beneficiaries).where(eq(beneficiaries.id, person.id));
      expect(unchanged!.lastName).toBe(person.lastName);
    });

    it('saves, normalises, resolves the commune, moves the person and keeps their booking record in step', async () => {
      const person = await newBeneficiary(db(), {
        organisationId: w.utsLaSeyne.id,
        lastActivityAt: new Date('2024-01-01T00:00:00Z'),
      });
      const citizen = await newCitizen(db(), {
        organisationId: w.utsDraguignan.id,
        externalRef: citizenRefOf(person.id),
      });
      await db().update(beneficiaries).set({ citizenId: citizen.id }).where(eq(beneficiaries.id, person.id));
      const { response } = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${person.id}/modifier`,
        fields: {
          nom: 'Lefèvre',
          prenom: 'Anaïs',
          naissance: '14/07/1988',
          allocataire: '9990001',
          role: 'conjoint',
          telephone: '06 98 76 54 32',
          courriel: 'Anais.Lefevre@Exemple.fr',
          adresse: '3 avenue Carnot',
          code_postal: '83300',
          commune: 'draguignan',
          ouverture: '2025-04-01',
          etiquettes: 'jeune, mobilité , jeune',
          organisation: w.utsDraguignan.id,
          referent: w.draguignanAgent.id,
        },
        cookie: w.directionAgent.cookie,
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/rsa/beneficiaires/${person.id}`);
      const [row] = await db().select().from(beneficiaries).where(eq(beneficiaries.id, person.id));
      expect(row).toMatchObject({
        lastName: 'Lefèvre',
        firstName: 'Anaïs',
        birthDate: '1988-07-14',
        allocataireNumber: '9990001',
        role: 'conjoint',
        phone: '+33698765432',
        email: 'anais.lefevre@exemple.fr',
        address: '3 avenue Carnot',
        postalCode: '83300',
        communeCode: '83050',
        communeName: 'Draguignan',
        rightsOpenedOn: '2025-04-01',
        tags: ['jeune', 'mobilité'],
        organisationId: w.utsDraguignan.id,
        referentAgentId: w.draguignanAgent.id,
      });
      expect(row!.lastActivityAt.getTime()).toBeGreaterThan(new Date('2024-06-01').getTime());
      const [twin] = await db().select().from(citizens).where(eq(citizens.id, citizen.id));
      expect(twin).toMatchObject({
        firstName: 'Anaïs',
        lastName: 'Lefèvre',
        phone: '+33698765432',
        email: 'anais.lefevre@exemple.fr',
      });
      const referents = await db()
        .select()
        .from(citizenReferents)
        .where(eq(citizenReferents.citizenId, citizen.id));
      expect(referents.map((r) => r.agentId)).toEqual([w.draguignanAgent.id]);
      const [audit] = await auditTrail(db(), {
        action: 'update',
        resourceType: 'rsa_beneficiary',
        resourceId: person.id,
      });
      expect((audit!.details as { fields: string[] }).fields).toEqual(
        expect.arrayContaining(['lastName', 'phone', 'communeCode', 'organisationId', 'referentAgentId']),
      );
      // Personal values stay out of the audit trail.
      expect(JSON.stringify(audit!.details)).not.toContain('Lefèvre');
      const [citizenAudit] = await auditTrail(db(), {
        action: 'update',
        resourceType: 'citizen',
        resourceId: citizen.id,
      });
      expect(citizenAudit!.details).toMatchObject({ referents: [w.draguignanAgent.id] });
      // The person moved to Draguignan: La Seyne no longer sees them.
      expect((await page(person.id, w.laSeyneAgent.cookie)).statusCode).toBe(404);
      expect((await page(person.id, w.draguignanAgent.cookie)).statusCode).toBe(200);
    });

    it('refuses a numéro allocataire another person of the territory holds in the same role', async () => {
      await newBeneficiary(db(), {
        organisationId: w.utsLaSeyne.id,
        allocataireNumber: '5550001',
        role: 'demandeur',
      });
      const person = await newBeneficiary(db(), { organisationId: w.utsLaSeyne.id });
      const { response } = await submitForm(t.app, {
        page: `/rsa/beneficiaires/${person.id}/modifier`,
        fields: {
          nom: person.lastName,
          prenom: person.firstName,
          allocataire: '5550001',
          role: 'demandeur',
          organisation: w.utsLaSeyne.id,
        },
        cookie: w.laSeyneAgent.cookie,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'allocataire')).toBe(
        'Une autre personne a déjà ce numéro allocataire comme demandeur : vérifiez-le.',
      );
    });
  });
});
