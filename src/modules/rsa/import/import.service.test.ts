import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import { newSectorCommune } from '../../../platform/scheduling/testing.ts';
import { newAgent, newOrganisation, newTerritory } from '../../../platform/testing/factories.ts';
import { openTestDatabase } from '../../../platform/testing/harness.ts';
import { beneficiaries, beneficiaryStatusChanges, imports, rsaSettings } from '../tables.ts';
import { findImportingOrganisation, type ImportingOrganisation } from './import.repository.ts';
import { applyImport, importFileDirectly, previewCounts, startImport } from './import.service.ts';
import { resolveMapping } from './mapping.ts';
import { csvFile, sampleCsv, sampleHeaders, sampleRejections, sampleSpreadsheet } from './testing.ts';

const now = new Date('2025-03-01T09:00:00Z');

/** The sample's rejections when a title row pushes the header to line 2. */
const shifted = sampleRejections.map((r) => ({
  line: r.line + 1,
  reason: r.reason.replace(/ligne (\d+)/, (_, n) => `ligne ${Number(n) + 1}`),
}));

describe('import of a list of beneficiaries', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: Db;
  let organisation: ImportingOrganisation;
  let uts: { id: string };
  let busy: { id: string };
  let free: { id: string };

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.database.db;
    const territory = await newTerritory(db, { kind: 'departement', code: '83', name: 'Département du Var' });
    const direction = await newOrganisation(db, {
      territoryId: territory.id,
      kind: 'direction',
      name: 'Direction de l’insertion',
    });
    organisation = (await findImportingOrganisation(db, { id: direction.id }))!;
    // La Seyne-sur-Mer (83126) is served by a UTS naming two référents; Toulon and Hyères by nobody.
    uts = await newOrganisation(db, { territoryId: territory.id, kind: 'uts', name: 'UTS La Seyne' });
    busy = await newAgent(db, { memberships: [{ organisationId: uts.id, role: 'agent' }] });
    free = await newAgent(db, { memberships: [{ organisationId: uts.id, role: 'agent' }] });
    await newSectorCommune(db, { organisationId: uts.id, communeCode: '83126', agentId: busy.id });
    await newSectorCommune(db, { organisationId: uts.id, communeCode: '83126', agentId: free.id });
    // An organisation of another territory serving the same commune is never chosen.
    const elsewhere = await newOrganisation(db, { territoryId: (await newTerritory(db)).id });
    await newSectorCommune(db, { organisationId: elsewhere.id, communeCode: '83126' });
    for (const n of [1, 2]) {
      await db.insert(beneficiaries).values({
        territoryId: territory.id,
        organisationId: uts.id,
        referentAgentId: busy.id,
        lastName: `Suivi ${n}`,
        firstName: 'Déjà',
      });
    }
  });
  afterAll(() => database.drop());

  const mapping = resolveMapping(sampleHeaders);

  it.each([
    ['CSV ; UTF-8', sampleCsv(';', 'utf8'), sampleRejections],
    ['CSV , UTF-8 BOM', sampleCsv(',', 'utf8-bom'), sampleRejections],
    ['CSV tab Windows-1252', sampleCsv('\t', 'windows-1252'), sampleRejections],
    ['XLSX', sampleSpreadsheet('xlsx'), shifted],
    ['ODS', sampleSpreadsheet('ods'), shifted],
  ])(
    'previews %s: 4 people to add, the bad rows and duplicates rejected',
    async (_name, content, rejections) => {
      const counts = await previewCounts(db, organisation, content, mapping, now);
      expect(counts).toEqual({ totalRows: 10, created: 4, updated: 0, unchanged: 0, rejections });
    },
  );

  it('applies a file: sectorised organisation and référent, first status, audit; again: nothing changes', async () => {
    const first = await importFileDirectly(db, {
      organisation,
      fileName: 'entrants-fevrier.csv',
      content: sampleCsv(';', 'windows-1252'),
      now,
    });
    expect(first).toMatchObject({ state: 'done', created: 4, updated: 0, unchanged: 0, rejected: 6 });
    expect(first.rejections).toEqual(sampleRejections);
    expect(first.hasContent).toBe(false);

    const people = await db
      .select()
      .from(beneficiaries)
      .where(eq(beneficiaries.territoryId, organisation.territoryId))
      .orderBy(asc(beneficiaries.createdAt), asc(beneficiaries.lastName), asc(beneficiaries.firstName));
    const imported = people.filter((p) => p.createdAt.getTime() === now.getTime());
    expect(
      imported.map((p) => [p.lastName, p.firstName, p.role, p.allocataireNumber, p.birthDate, p.communeCode]),
    ).toEqual([
      ['Dupont', 'Jean', 'conjoint', '1001', '1988-11-03', '83126'],
      ['Dupont', 'Marie', 'demandeur', '1001', '1990-05-12', '83126'],
      ['Garçon', 'François', 'demandeur', null, '1980-01-01', '83069'],
      ['Lefèvre', 'Hélène', 'demandeur', '1002', '1975-02-28', '83137'],
    ]);
    const marie = imported.find((p) => p.firstName === 'Marie')!;
    expect(marie).toMatchObject({
      phone: '+33612345678',
      email: 'marie.dupont@exemple.fr',
      rightsOpenedOn: '2025-02-01',
      status: 'non_invite',
      organisationId: uts.id,
      // The référent with fewer open records (none against two) takes both people of La Seyne.
      referentAgentId: free.id,
    });
    expect(imported.find((p) => p.firstName === 'Jean')!.referentAgentId).toBe(free.id);
    const helene = imported.find((p) => p.firstName === 'Hélène')!;
    expect(helene).toMatchObject({
      organisationId: organisation.id,
      referentAgentId: null,
      phone: '+33494000000',
    });

    const history = await db
      .select()
      .from(beneficiaryStatusChanges)
      .where(eq(beneficiaryStatusChanges.beneficiaryId, marie.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.changedBy, h.reason])).toEqual([
      [null, 'non_invite', 'systeme', 'Import entrants-fevrier.csv'],
    ]);

    const trail = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, 'rsa_import'), eq(auditEvents.resourceId, first.id)));
    expect(trail.map((e) => [e.action, e.actorLabel])).toEqual([
      ['create', 'ligne de commande'],
      ['update', 'système'],
    ]);

    // The same people in every other format: nothing to add nor to change.
    for (const content of [sampleCsv(';', 'utf8'), sampleSpreadsheet('xlsx'), sampleSpreadsheet('ods')]) {
      const again = await importFileDirectly(db, { organisation, fileName: 'encore.csv', content, now });
      expect(again).toMatchObject({ state: 'done', created: 0, updated: 0, unchanged: 4, rejected: 6 });
    }
    const after = await db
      .select()
      .from(beneficiaries)
      .where(eq(beneficiaries.territoryId, organisation.territoryId));
    expect(after).toEqual(expect.arrayContaining(people));
    expect(after).toHaveLength(people.length);
  });

  it('updates contact details without touching the status, and matches names without accents', async () => {
    const [before] = await db
      .select()
      .from(beneficiaries)
      .where(and(eq(beneficiaries.allocataireNumber, '1002'), eq(beneficiaries.role, 'demandeur')));
    await db
      .update(beneficiaries)
      .set({ status: 'rdv_pris', address: 'Adresse saisie par un agent' })
      .where(eq(beneficiaries.id, before!.id));
    const later = new Date('2025-04-01T09:00:00Z');
    const content = csvFile(
      [
        ['NUMALLOC', 'ROLE', 'NOM', 'PRENOM', 'DTNAI', 'ADRESSE', 'CP', 'VILLE', 'TEL', 'MAIL'],
        // Same number and role: the phone is new, the empty address keeps the agent's.
        ['1002', 'DEM', 'LEFEVRE', 'HELENE', '28/02/1975', '', '83000', 'TOULON', '07 81 00 00 01', ''],
        // No number, same name and birth date: the number is added to the record.
        ['2001', 'DEM', 'GARCON', 'FRANCOIS', '01/01/1980', '', '83400', 'HYERES', '', ''],
      ],
      ';',
      'utf8',
    );
    const result = await importFileDirectly(db, { organisation, fileName: 'maj.csv', content, now: later });
    expect(result).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
    const [helene] = await db.select().from(beneficiaries).where(eq(beneficiaries.id, before!.id));
    expect(helene).toMatchObject({
      status: 'rdv_pris',
      phone: '+33781000001',
      address: 'Adresse saisie par un agent',
      lastName: 'Lefèvre',
      lastActivityAt: later,
    });
    const [francois] = await db
      .select()
      .from(beneficiaries)
      .where(eq(beneficiaries.allocataireNumber, '2001'));
    expect(francois).toMatchObject({ firstName: 'François', communeCode: '83069' });
    const again = await importFileDirectly(db, { organisation, fileName: 'maj.csv', content, now: later });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
  });

  it('keeps the NIR only when the département switched it on', async () => {
    const file = (nir: string, number: string) =>
      csvFile(
        [
          ['Matricule', 'Nom', 'Prénom', 'Commune', 'NIR'],
          [number, 'Nir', number, 'Toulon', nir],
        ],
        ';',
        'utf8',
      );
    await importFileDirectly(db, {
      organisation,
      fileName: 'a.csv',
      content: file('290058312601234', '3001'),
      now,
    });
    await db.insert(rsaSettings).values({ organisationId: organisation.id, nirEnabled: true });
    await importFileDirectly(db, {
      organisation,
      fileName: 'b.csv',
      content: file('190058312601234', '3002'),
      now,
    });
    const rows = await db
      .select({ number: beneficiaries.allocataireNumber, nir: beneficiaries.nir })
      .from(beneficiaries)
      .where(eq(beneficiaries.lastName, 'Nir'))
      .orderBy(beneficiaries.allocataireNumber);
    expect(rows).toEqual([
      { number: '3001', nir: null },
      { number: '3002', nir: '190058312601234' },
    ]);
  });

  it('resumes after a failed batch without writing anything twice', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [
      `9${i}`,
      'DEM',
      `Reprise${i}`,
      'Test',
      '01/01/1970',
      '',
      '83000',
      'Toulon',
    ]);
    const content = csvFile([sampleHeaders.slice(0, 8), ...rows], ';', 'utf8');
    const started = await startImport(
      db,
      {
        actor: null,
        audit: { actorType: 'system', actorId: null, actorLabel: 'test', ip: null, requestId: null },
      },
      { organisation, fileName: 'reprise.csv', content, now },
    );
    expect(started.created).toBe(7);
    await db.update(imports).set({ state: 'applying', created: 0 }).where(eq(imports.id, started.id));
    // The second batch's transaction fails (a lost connection): the first one stays, alone.
    let transactions = 0;
    const failing = new Proxy(db, {
      get(target, property, receiver) {
        if (property === 'transaction')
          return (run: never) => {
            if (++transactions === 2) return Promise.reject(new Error('connexion perdue'));
            return target.transaction(run);
          };
        return Reflect.get(target, property, receiver);
      },
    });
    await expect(applyImport(failing, started.id, { now, batchSize: 3 })).rejects.toThrow('connexion perdue');
    const [halfway] = await db.select().from(imports).where(eq(imports.id, started.id));
    expect(halfway).toMatchObject({ state: 'applying', processedRows: 3, created: 3 });
    await applyImport(db, started.id, { now, batchSize: 3 });
    await applyImport(db, started.id, { now, batchSize: 3 });
    const [done] = await db.select().from(imports).where(eq(imports.id, started.id));
    expect(done).toMatchObject({ state: 'done', processedRows: 7, created: 7, unchanged: 0, content: null });
    const created = await db.select().from(beneficiaries).where(eq(beneficiaries.firstName, 'Test'));
    expect(created.filter((p) => p.lastName.startsWith('Reprise'))).toHaveLength(7);
  });
});
