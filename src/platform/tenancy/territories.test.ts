import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTerritory } from '../testing/factories.ts';
import { submitForm } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { territories } from './tables.ts';
import { auditTrail, fieldError, get, organisationWithStaff, signedInOperator } from './testing.ts';

describe('territories administration (/admin/territoires)', () => {
  let t: TestContext;
  let operator: Awaited<ReturnType<typeof signedInOperator>>;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedInOperator(t.platform.database.db);
  });
  afterAll(() => t.close());

  it('asks to sign in first', async () => {
    const response = await get(t, '/admin/territoires');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/connexion?suite=%2Fadmin%2Fterritoires');
  });

  it('is for operators only, not for organisation admins', async () => {
    const { admin } = await organisationWithStaff(t.platform.database.db);
    expect((await get(t, '/admin/territoires', admin.cookie)).statusCode).toBe(403);
    expect((await get(t, '/admin/territoires/nouveau', admin.cookie)).statusCode).toBe(403);
    const post = await t.app.inject({
      method: 'POST',
      url: '/admin/territoires/nouveau',
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(post.statusCode).toBe(403);
  });

  it('lists territories in a DSFR table', async () => {
    const territory = await newTerritory(t.platform.database.db, { name: 'Département témoin' });
    const response = await get(t, '/admin/territoires', operator.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('class="fr-table');
    expect(response.body).toContain('Département témoin');
    expect(response.body).toContain(territory.slug);
    expect(response.body.match(/<h1/g)).toHaveLength(1);
    expect(response.body).toContain('class="fr-breadcrumb"');
  });

  it('adds a département from its code, named after the official map', async () => {
    const { response, cookie } = await submitForm(t.app, {
      page: '/admin/territoires/nouveau',
      cookie: operator.cookie,
      fields: { kind: 'departement', code: '64' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/territoires');
    const [row] = await t.platform.database.db.select().from(territories).where(eq(territories.code, '64'));
    expect(row).toMatchObject({
      kind: 'departement',
      name: 'Département des Pyrénées-Atlantiques',
      slug: 'pyrenees-atlantiques',
    });
    const [event] = await auditTrail(t.platform.database.db, { action: 'create', resourceId: row!.id });
    expect(event).toMatchObject({ resourceType: 'territory', actorId: operator.id });
    const list = await get(t, '/admin/territoires', cookie);
    expect(list.body).toContain('Territoire ajouté : Département des Pyrénées-Atlantiques.');
  });

  it('adds an EPCI by SIREN and a commune by INSEE code', async () => {
    for (const [kind, code] of [
      ['epci', '200 067 254'],
      ['commune', '83126'],
    ]) {
      const { response } = await submitForm(t.app, {
        page: '/admin/territoires/nouveau',
        cookie: operator.cookie,
        fields: { kind: kind!, code: code! },
      });
      expect(response.statusCode).toBe(303);
    }
    const rows = await t.platform.database.db.select().from(territories);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'epci',
          code: '200067254',
          name: 'Communauté d’agglomération Pau Béarn Pyrénées',
          slug: 'pau-bearn-pyrenees',
        }),
        expect.objectContaining({
          kind: 'commune',
          code: '83126',
          name: 'Commune de La Seyne-sur-Mer',
          slug: 'la-seyne-sur-mer',
        }),
      ]),
    );
  });

  it('refuses an unknown code with a message on the field, keeping the values', async () => {
    const { response } = await submitForm(t.app, {
      page: '/admin/territoires/nouveau',
      cookie: operator.cookie,
      fields: { kind: 'commune', code: '83500' },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'code')).toContain(
      'Aucune commune actuelle n’a le code INSEE « 83500 »',
    );
    expect(response.body).toContain('id="resume-erreurs"');
    expect(response.body).toContain('value="83500"');
    expect(response.body).toMatch(/<option value="commune" selected/);
  });

  it('gives one message per missing field', async () => {
    const { response } = await submitForm(t.app, {
      page: '/admin/territoires/nouveau',
      cookie: operator.cookie,
      fields: { kind: '', code: '' },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'kind')).toBe('Choisissez le type de collectivité.');
    expect(fieldError(response.body, 'code')).toBe('Saisissez le code de la collectivité.');
    expect(response.body).toContain('Le formulaire contient 2 erreurs');
  });

  it('refuses the same territory twice with a clear error', async () => {
    const first = await submitForm(t.app, {
      page: '/admin/territoires/nouveau',
      cookie: operator.cookie,
      fields: { kind: 'departement', code: '2A' },
    });
    expect(first.response.statusCode).toBe(303);
    const again = await submitForm(t.app, {
      page: '/admin/territoires/nouveau',
      cookie: operator.cookie,
      fields: { kind: 'departement', code: '2a' },
    });
    expect(again.response.statusCode).toBe(409);
    expect(fieldError(again.response.body, 'code')).toBe(
      'Ce territoire existe déjà : Département de la Corse-du-Sud.',
    );
    const rows = await t.platform.database.db.select().from(territories).where(eq(territories.code, '2A'));
    expect(rows).toHaveLength(1);
  });

  it('gives a commune whose name is taken a slug with its code', async () => {
    await newTerritory(t.platform.database.db, { slug: 'pau', kind: 'departement', code: 'x-pau' });
    const { response } = await submitForm(t.app, {
      page: '/admin/territoires/nouveau',
      cookie: operator.cookie,
      fields: { kind: 'commune', code: '64445' },
    });
    expect(response.statusCode).toBe(303);
    const [row] = await t.platform.database.db
      .select()
      .from(territories)
      .where(eq(territories.code, '64445'));
    expect(row).toMatchObject({ name: 'Commune de Pau', slug: 'pau-64445' });
  });

  it('helps find a code by name, without JavaScript', async () => {
    const response = await get(
      t,
      '/admin/territoires/nouveau?type=commune&recherche=seyne+sur',
      operator.cookie,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('La Seyne-sur-Mer');
    expect(response.body).toContain('href="/admin/territoires/nouveau?type=commune&amp;code=83126"');
    const chosen = await get(t, '/admin/territoires/nouveau?type=commune&code=83126', operator.cookie);
    expect(chosen.body).toContain('value="83126"');
    const nothing = await get(t, '/admin/territoires/nouveau?type=epci&recherche=zzzz', operator.cookie);
    expect(nothing.body).toContain('Aucun résultat pour « zzzz »');
  });
});
