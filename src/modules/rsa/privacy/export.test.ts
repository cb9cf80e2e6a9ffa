import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { auditTrail, get, organisationWithStaff } from '../../../platform/tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaModule } from '../index.ts';
import { newBeneficiary } from '../orientation/testing.ts';
import type { PersonalData } from './export.service.ts';
import { newFullFile } from './testing.ts';

type Staffed = Awaited<ReturnType<typeof organisationWithStaff>>;

describe('a person’s data export', () => {
  let t: TestContext;
  let db: Db;
  let staff: Staffed;
  let stranger: Staffed;
  let file: Awaited<ReturnType<typeof newFullFile>>;

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    db = t.platform.database.db;
    staff = await organisationWithStaff(db);
    stranger = await organisationWithStaff(db);
    file = await newFullFile(db, t.platform.config.secretKey, staff, {
      firstName: 'Maëlys',
      lastName: 'Durand',
    });
  });
  afterAll(() => t.close());

  it('downloads everything held about the person as JSON, audited as an export', async () => {
    const response = await get(t, `/rsa/beneficiaires/${file.b.id}/donnees?format=json`, staff.agent.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="donnees-rsa-${file.b.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    const data = response.json() as PersonalData;
    expect(data.organisation).toBe(staff.organisation.name);
    expect(data.dossier).toMatchObject({
      nom: 'Durand',
      prenom: 'Maëlys',
      dateDeNaissance: '1990-05-17',
      nir: '1850578006084',
      numeroAllocataire: file.b.allocataireNumber,
      adresse: '12 rue des Lilas',
      commune: 'La Seyne-sur-Mer',
      telephone: '+33612345678',
      ouvertureDesDroits: '2029-01-10',
      etiquettes: ['jeune'],
      statut: 'Orienté',
      premiereRencontre: '2029-02-01T09:00:00.000Z',
    });
    expect(data.dossier.referent).toContain('Camille');
    expect(data.dossierRendezVous).toMatchObject({
      nom: 'Durand',
      prenom: 'Maëlys',
      adresse: '12 rue des Lilas',
    });
    expect(data.historique.map((h) => [h.de, h.vers, h.motif])).toEqual([
      [null, 'Non invité', 'Import'],
      ['RDV honoré', 'Orienté', 'Vu avec sa sœur, très endettée'],
    ]);
    expect(data.invitations).toEqual([
      expect.objectContaining({ type: 'Invitation', canal: 'SMS', envoyeeLe: '2029-01-12T09:00:00.000Z' }),
    ]);
    expect(data.messages).toEqual([
      expect.objectContaining({ canal: 'SMS', destinataire: '+33612345678', modele: 'rsa.invitation-sms' }),
    ]);
    expect(JSON.stringify(data.messages)).not.toContain('firstName');
    expect(data.rendezVous).toEqual([
      expect.objectContaining({ motif: 'Premier entretien RSA', statut: 'Vu', prisPar: 'un agent' }),
    ]);
    expect(data.questionnaire).toMatchObject({
      rempliPar: 'la personne',
      orientationProposee: 'Sociale',
      reponses: [{ question: 'Votre santé vous empêche-t-elle de travailler ?', reponse: 'Oui, beaucoup' }],
    });
    expect(data.orientations).toEqual([
      expect.objectContaining({
        date: '2029-02-01',
        orientation: 'Sociale',
        structure: 'CCAS',
        commentaire: 'Situation de santé difficile',
      }),
    ]);
    expect(data.notes).toEqual([expect.objectContaining({ texte: 'A appelé pour ses dettes.' })]);

    const [audit] = await auditTrail(db, { action: 'export', resourceId: file.b.id });
    expect(audit).toMatchObject({
      actorId: staff.agent.id,
      resourceType: 'rsa_beneficiary',
      organisationId: staff.organisation.id,
      details: { format: 'json' },
    });
  });

  it('shows the same as a page a person reads, with the download link', async () => {
    const page = await get(t, `/rsa/beneficiaires/${file.b.id}/donnees`, staff.admin.cookie);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    for (const expected of [
      'Données personnelles',
      'Maëlys Durand',
      'Numéro de sécurité sociale 1850578006084',
      'Date de naissance 17/05/1990',
      'Ouverture des droits 10/01/2029',
      'Historique des statuts',
      'Vu avec sa sœur, très endettée',
      'Premier entretien RSA',
      'Oui, beaucoup',
      'Situation de santé difficile',
      'A appelé pour ses dettes.',
    ])
      expect(text).toContain(expected);
    expect(page.body).toContain(`href="/rsa/beneficiaires/${file.b.id}/donnees?format=json"`);
    const trail = await auditTrail(db, { action: 'export', resourceId: file.b.id, actorId: staff.admin.id });
    expect(trail.map((e) => e.details)).toEqual([{ format: 'page' }]);
  });

  it('leaves out the NIR line when none is stored, and an empty file says so', async () => {
    const bare = await newBeneficiary(db, { organisationId: staff.organisation.id });
    const response = await get(t, `/rsa/beneficiaires/${bare.id}/donnees?format=json`, staff.agent.cookie);
    const data = response.json() as PersonalData;
    expect(data.dossier).not.toHaveProperty('nir');
    expect(data).toMatchObject({
      dossierRendezVous: null,
      historique: [],
      rendezVous: [],
      questionnaire: null,
      notes: [],
    });
    const page = await get(t, `/rsa/beneficiaires/${bare.id}/donnees`, staff.agent.cookie);
    expect(textOf(page.body)).toContain('Questionnaire d’orientation Aucun.');
  });

  it('answers 404 to another territory and 403 to read-only members, the attempts audited', async () => {
    const url = `/rsa/beneficiaires/${file.b.id}/donnees?format=json`;
    const elsewhere = await get(t, url, stranger.admin.cookie);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('Durand');
    expect((await get(t, url, staff.readonly.cookie)).statusCode).toBe(403);
    const denials = await auditTrail(db, { action: 'denied', resourceId: file.b.id });
    expect(denials.map((d) => d.actorId)).toEqual([stranger.admin.id, staff.readonly.id]);
    expect(await auditTrail(db, { action: 'export', actorId: stranger.admin.id })).toEqual([]);
  });
});
