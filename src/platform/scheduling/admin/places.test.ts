import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, fieldError, get, organisationWithStaff } from '../../tenancy/testing.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { places } from '../tables.ts';
import { newPlace } from './testing.ts';

describe('places (/rendez-vous/parametres/lieux)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  const validPlace = {
    name: 'Maison des solidarités de La Seyne',
    address: '12 avenue Gambetta',
    commune: 'La Seyne-sur-Mer',
    latitude: '43,1005',
    longitude: '5,8786',
    phone: '04 94 00 00 00',
    accessibilityNotes: 'Plain-pied, boucle magnétique à l’accueil.',
  };

  it('lets an admin add a place, its commune found by name and checked', async () => {
    const { organisation, admin } = await organisationWithStaff(db());
    const page = `/rendez-vous/parametres/lieux/nouveau?organisation=${organisation.slug}`;
    const { response } = await submitForm(t.app, { page, cookie: admin.cookie, fields: validPlace });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/rendez-vous/parametres/lieux?organisation=${organisation.slug}`);
    const [place] = await db().select().from(places).where(eq(places.organisationId, organisation.id));
    expect(place).toMatchObject({
      name: validPlace.name,
      communeCode: '83126',
      latitude: 43.1005,
      longitude: 5.8786,
      phone: '04 94 00 00 00',
    });
    const audit = await auditTrail(db(), { resourceType: 'place', resourceId: place!.id });
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const list = await get(
      t,
      `/rendez-vous/parametres/lieux?organisation=${organisation.slug}`,
      admin.cookie,
    );
    expect(list.body).toContain(validPlace.name);
    expect(list.body).toContain('La Seyne-sur-Mer (83126)');
  });

  it('offers the communes that match an ambiguous name, and takes the one chosen', async () => {
    const { organisation, admin } = await organisationWithStaff(db());
    const page = `/rendez-vous/parametres/lieux/nouveau?organisation=${organisation.slug}`;
    const ambiguous = await submitForm(t.app, {
      page,
      cookie: admin.cookie,
      fields: { ...validPlace, commune: 'Saint-Martin' },
    });
    expect(ambiguous.response.statusCode).toBe(400);
    expect(fieldError(ambiguous.response.body, 'commune')).toContain('Plusieurs communes correspondent');
    const code = /name="communeCode" value="([^"]+)"/.exec(ambiguous.response.body)?.[1];
    expect(code).toBeDefined();
    const chosen = await submitForm(t.app, {
      page,
      cookie: admin.cookie,
      fields: { ...validPlace, commune: 'Saint-Martin', communeCode: code! },
    });
    expect(chosen.response.statusCode).toBe(303);
    const [place] = await db().select().from(places).where(eq(places.organisationId, organisation.id));
    expect(place?.communeCode).toBe(code);
  });

  it.each([
    [{ commune: 'Zzzyxville' }, 'commune', 'Aucune commune ne correspond'],
    [{ name: '' }, 'name', 'Saisissez le nom du lieu.'],
    [
      { latitude: '43,1', longitude: '' },
      'longitude',
      'Saisissez la latitude et la longitude, ou aucune des deux.',
    ],
    [
      { latitude: '', longitude: '5,8' },
      'latitude',
      'Saisissez la latitude et la longitude, ou aucune des deux.',
    ],
    [{ latitude: '95' }, 'latitude', 'Saisissez un nombre décimal entre -90 et 90'],
    [{ longitude: '-181' }, 'longitude', 'Saisissez un nombre décimal entre -180 et 180'],
    [{ latitude: 'nord' }, 'latitude', 'Saisissez un nombre décimal'],
    [{ phone: 'pas de numéro' }, 'phone', 'Saisissez un numéro de téléphone valide'],
  ])('refuses %o with a message on the field', async (change, field, message) => {
    const { organisation, admin } = await organisationWithStaff(db());
    const page = `/rendez-vous/parametres/lieux/nouveau?organisation=${organisation.slug}`;
    const { response } = await submitForm(t.app, {
      page,
      cookie: admin.cookie,
      fields: { ...validPlace, ...change },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, field)).toContain(message);
    expect(response.body).toContain('id="resume-erreurs"');
    expect(await db().select().from(places).where(eq(places.organisationId, organisation.id))).toHaveLength(
      0,
    );
  });

  it('lets an admin edit and archive a place; agents only read', async () => {
    const { organisation, admin, agent } = await organisationWithStaff(db());
    const place = await newPlace(db(), organisation.id);
    const page = `/rendez-vous/parametres/lieux/${place.id}`;
    const form = await get(t, page, admin.cookie);
    expect(form.body).toContain('value="La Seyne-sur-Mer (83126)"');
    const edited = await submitForm(t.app, {
      page,
      cookie: admin.cookie,
      fields: { ...validPlace, name: 'Espace social Berthe', commune: '83500', latitude: '', longitude: '' },
    });
    expect(edited.response.statusCode).toBe(303);
    const [row] = await db().select().from(places).where(eq(places.id, place.id));
    expect(row).toMatchObject({
      name: 'Espace social Berthe',
      communeCode: '83126',
      latitude: null,
      longitude: null,
    });

    const forAgent = await get(t, page, agent.cookie);
    expect(forAgent.statusCode).toBe(200);
    expect(forAgent.body).not.toContain('name="name"');
    const list = await get(
      t,
      `/rendez-vous/parametres/lieux?organisation=${organisation.slug}`,
      agent.cookie,
    );
    expect(list.body).not.toContain('Ajouter un lieu');
    const refused = await submitForm(t.app, {
      page: `/rendez-vous/parametres/lieux?organisation=${organisation.slug}`,
      action: page,
      cookie: agent.cookie,
      fields: validPlace,
    });
    expect(refused.response.statusCode).toBe(403);

    const archived = await submitForm(t.app, {
      page,
      action: `${page}/archivage`,
      cookie: admin.cookie,
      fields: {},
    });
    expect(archived.response.statusCode).toBe(303);
    const [after] = await db().select().from(places).where(eq(places.id, place.id));
    expect(after!.archivedAt).not.toBeNull();
  });

  it('hides another territory’s places: reading, editing and archiving answer 404, audited', async () => {
    const mine = await organisationWithStaff(db());
    const theirs = await organisationWithStaff(db());
    const place = await newPlace(db(), theirs.organisation.id, { name: 'Lieu d’ailleurs' });
    const page = `/rendez-vous/parametres/lieux/${place.id}`;
    expect((await get(t, page, mine.admin.cookie)).statusCode).toBe(404);
    const list = await get(
      t,
      `/rendez-vous/parametres/lieux?organisation=${theirs.organisation.slug}`,
      mine.admin.cookie,
    );
    expect(list.statusCode).toBe(404);
    const mineList = await get(
      t,
      `/rendez-vous/parametres/lieux?organisation=${mine.organisation.slug}`,
      mine.admin.cookie,
    );
    expect(mineList.body).not.toContain('Lieu d’ailleurs');
    for (const action of [page, `${page}/archivage`]) {
      const { response } = await submitForm(t.app, {
        page: `/rendez-vous/parametres/lieux?organisation=${mine.organisation.slug}`,
        action,
        cookie: mine.admin.cookie,
        fields: validPlace,
      });
      expect(response.statusCode).toBe(404);
    }
    const [row] = await db().select().from(places).where(eq(places.id, place.id));
    expect(row).toMatchObject({ name: 'Lieu d’ailleurs', archivedAt: null });
    const denied = await auditTrail(db(), { action: 'denied', resourceType: 'place', resourceId: place.id });
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect((await get(t, '/rendez-vous/parametres/lieux/pas-un-uuid', mine.admin.cookie)).statusCode).toBe(
      404,
    );
  });

  it('asks to sign in', async () => {
    const response = await get(t, '/rendez-vous/parametres/lieux');
    expect([302, 303, 401]).toContain(response.statusCode);
  });
});
