import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/tables.ts';
import { startWorking } from '../../../platform/jobs/runner.ts';
import { eventually } from '../../../platform/testing/eventually.ts';
import { newAgent, newOrganisation, newTerritory, signInAs } from '../../../platform/testing/factories.ts';
import { submitForm, submitMultipartForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaModule } from '../index.ts';
import { beneficiaries, columnMappings, imports } from '../tables.ts';
import { importJobs } from './jobs.ts';
import { sampleCsv } from './testing.ts';

describe('/rsa/import: preview, columns, confirmation, progress and report', () => {
  let t: TestContext;
  let cookie: string;
  let stranger: string;
  let organisationId: string;
  let slug: string;
  const db = () => t.platform.database.db;

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    const var83 = await newTerritory(db(), { kind: 'departement', code: '83', name: 'Département du Var' });
    const direction = await newOrganisation(db(), {
      territoryId: var83.id,
      kind: 'direction',
      name: 'Direction de l’insertion',
    });
    organisationId = direction.id;
    slug = direction.slug;
    const agent = await newAgent(db(), { memberships: [{ organisationId: direction.id, role: 'agent' }] });
    cookie = await signInAs(db(), agent.id);
    // An agent of the same kind of service in another département.
    const pau = await newTerritory(db(), { kind: 'departement', code: '64', name: 'Pyrénées-Atlantiques' });
    const other = await newOrganisation(db(), { territoryId: pau.id, kind: 'direction' });
    stranger = await signInAs(
      db(),
      (await newAgent(db(), { memberships: [{ organisationId: other.id, role: 'admin' }] })).id,
    );
  });
  afterAll(() => t.close());

  const get = (url: string, as = cookie) => t.app.inject({ method: 'GET', url, headers: { cookie: as } });

  it('walks a file from upload to report', async () => {
    const home = await get('/rsa/import');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Importer une liste d’allocataires');

    const missing = await submitMultipartForm(t.app, {
      page: '/rsa/import',
      action: '/rsa/import',
      fields: { organisation: slug },
      files: { fichier: { filename: 'vide.csv', type: 'text/csv', data: Buffer.from('Bonjour\n') } },
      cookie,
    });
    expect(missing.response.statusCode).toBe(400);
    expect(missing.response.body).toContain('ne ressemble pas à un tableau');

    const upload = await submitMultipartForm(t.app, {
      page: '/rsa/import',
      action: '/rsa/import',
      fields: { organisation: slug },
      files: {
        fichier: { filename: 'entrants.csv', type: 'text/csv', data: sampleCsv(';', 'windows-1252') },
      },
      cookie,
    });
    expect(upload.response.statusCode).toBe(303);
    const page = upload.response.headers.location as string;
    expect(page).toMatch(/^\/rsa\/import\/[0-9a-f-]{36}$/);
    const id = page.split('/').at(-1)!;

    const preview = await get(page);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('CSV, séparateur point-virgule, encodage Windows-1252');
    expect(preview.body).toContain('Personnes à ajouter');
    expect(preview.body).toContain('Commune inconnue : « Touloun » 83000');
    expect(preview.body).toContain('Confirmer l’import (4 ajouts, 0 mises à jour)');
    expect(await db().select().from(beneficiaries)).toHaveLength(0);

    // Another territory's agent sees nothing and can confirm nothing.
    expect((await get(page, stranger)).statusCode).toBe(404);
    const refused = await submitForm(t.app, {
      page: '/rsa/import',
      action: `${page}/confirmer`,
      fields: {},
      cookie: stranger,
    });
    expect(refused.response.statusCode).toBe(404);
    expect((await get(`${page}/rejets.csv`, stranger)).statusCode).toBe(404);
    const denials = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceId, id), eq(auditEvents.action, 'denied')));
    expect(denials.length).toBeGreaterThanOrEqual(2);

    // Without a first-name column nothing can be confirmed; the choice is kept for the organisation.
    const remap = await submitForm(t.app, {
      page,
      action: `${page}/colonnes`,
      fields: { lastName: 'NOM', firstName: '', commune: 'Commune', postalCode: 'Code postal' },
      cookie,
    });
    expect(remap.response.statusCode).toBe(303);
    const withoutFirstName = await get(page);
    expect(withoutFirstName.body).toContain('Colonnes à indiquer');
    expect(withoutFirstName.body).not.toContain('Confirmer l’import');
    const [saved] = await db()
      .select()
      .from(columnMappings)
      .where(eq(columnMappings.organisationId, organisationId));
    expect(saved?.mapping).toEqual({ lastName: 'NOM', postalCode: 'Code postal', commune: 'Commune' });

    const fields = {
      allocataireNumber: 'N° allocataire',
      role: 'Rôle',
      lastName: 'NOM',
      firstName: 'Prénom',
      birthDate: 'Date de naissance',
      address: 'Adresse',
      postalCode: 'Code postal',
      commune: 'Commune',
      phone: 'Téléphone',
      email: 'Courriel',
      rightsOpenedOn: "Date d'ouverture de droits",
    };
    await submitForm(t.app, { page, action: `${page}/colonnes`, fields, cookie });
    const confirm = await submitForm(t.app, { page, action: `${page}/confirmer`, fields: {}, cookie });
    expect(confirm.response.statusCode).toBe(303);

    const progress = await get(page);
    expect(progress.body).toContain('Enregistrement en cours');
    expect(progress.headers.refresh).toBe(`2; url=${page}`);

    await startWorking(t.platform, importJobs);
    await eventually(
      async () => {
        const [row] = await db().select({ state: imports.state }).from(imports).where(eq(imports.id, id));
        return row?.state === 'done' ? true : undefined;
      },
      { what: 'the import applied' },
    );

    const report = await get(page);
    expect(report.body).toContain('Import terminé');
    expect(report.body).toContain('4 personnes ajoutées, 0 mises à jour, 0 déjà à jour, 6 lignes écartées');
    expect(report.headers.refresh).toBeUndefined();
    expect(await db().select().from(beneficiaries)).toHaveLength(4);

    const csv = await get(`${page}/rejets.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFligne;motif',
      '6;"Nom manquant"',
      '7;"Date de naissance impossible : « 31/02/1990 » (attendu jj/mm/aaaa)"',
    ]);

    // A second confirmation (a double click) applies nothing again.
    await submitForm(t.app, { page: '/rsa/import', action: `${page}/confirmer`, fields: {}, cookie });
    expect(await db().select().from(beneficiaries)).toHaveLength(4);
  });

  it('abandons a preview and forgets the file', async () => {
    const upload = await submitMultipartForm(t.app, {
      page: '/rsa/import',
      action: '/rsa/import',
      fields: { organisation: slug },
      files: { fichier: { filename: 'encore.csv', type: 'text/csv', data: sampleCsv(',', 'utf8') } },
      cookie,
    });
    const page = upload.response.headers.location as string;
    expect((await get(page)).body).toContain('Personnes déjà à jour');
    const abandon = await submitForm(t.app, { page, action: `${page}/abandonner`, fields: {}, cookie });
    expect(abandon.response.headers.location).toBe('/rsa/import');
    const [row] = await db()
      .select()
      .from(imports)
      .where(eq(imports.id, page.split('/').at(-1)!));
    expect(row).toMatchObject({ state: 'abandoned', content: null });
  });
});
