import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, fieldError, get, organisationWithStaff } from '../../tenancy/testing.ts';
import { submitForm } from '../../testing/forms.ts';
import { startTestApp, type TestContext } from '../../testing/harness.ts';
import { appointmentTypes } from '../tables.ts';
import { appointmentTypeForm, parseSettingsForm } from './schemas.ts';
import { newAppointmentType } from './testing.ts';

const valid = {
  name: 'Premier rendez-vous d’orientation RSA',
  category: 'RSA',
  durationMinutes: '45',
  location: 'sur_place',
  minBookingDelayHours: '24',
  maxBookingDelayDays: '60',
  bookableBy: 'invited',
  collective: 'individuel',
  capacity: '',
  bufferMinutes: '10',
  instructions: 'Apportez votre attestation CAF.',
  changeLimitHours: '24',
};

describe('appointment type form (schemas.ts)', () => {
  it('turns hours into minutes and keeps capacity for collective types only', () => {
    const parsed = parseSettingsForm(appointmentTypeForm, {
      ...valid,
      minBookingDelayHours: '0,5',
      capacity: '12',
    });
    expect(parsed.ok && parsed.data).toMatchObject({
      minBookingDelayMinutes: 30,
      collective: false,
      capacity: null,
      followUpOnly: false,
      bufferMinutes: 10,
    });
    const collective = parseSettingsForm(appointmentTypeForm, {
      ...valid,
      collective: 'collectif',
      capacity: '12',
      followUpOnly: 'on',
      bufferMinutes: '',
    });
    expect(collective.ok && collective.data).toMatchObject({
      collective: true,
      capacity: 12,
      followUpOnly: true,
      bufferMinutes: 0,
    });
  });

  // Each CHECK constraint of appointment_types, and the form's own rules, as a French message on its field.
  it.each([
    [{ durationMinutes: '4' }, 'durationMinutes', 'Saisissez un nombre entier entre 5 et 480.'],
    [{ durationMinutes: '481' }, 'durationMinutes', 'Saisissez un nombre entier entre 5 et 480.'],
    [{ durationMinutes: '30,5' }, 'durationMinutes', 'Saisissez un nombre entier entre 5 et 480.'],
    [{ durationMinutes: '' }, 'durationMinutes', 'Saisissez la durée en minutes.'],
    [{ bufferMinutes: '241' }, 'bufferMinutes', 'Saisissez un nombre entier entre 0 et 240.'],
    [{ maxBookingDelayDays: '0' }, 'maxBookingDelayDays', 'Saisissez un nombre entier entre 1 et 366.'],
    [{ maxBookingDelayDays: '367' }, 'maxBookingDelayDays', 'Saisissez un nombre entier entre 1 et 366.'],
    [{ minBookingDelayHours: '-1' }, 'minBookingDelayHours', 'Le délai minimal ne peut pas être négatif.'],
    [{ minBookingDelayHours: 'demain' }, 'minBookingDelayHours', 'Saisissez un nombre d’heures'],
    [
      { minBookingDelayHours: '48', maxBookingDelayDays: '2' },
      'minBookingDelayHours',
      'Le délai minimal doit être plus court que le délai maximal (2 jours).',
    ],
    [
      { collective: 'collectif', capacity: '' },
      'capacity',
      'Saisissez le nombre de places d’un rendez-vous collectif.',
    ],
    [{ collective: 'collectif', capacity: '1' }, 'capacity', 'Saisissez un nombre de places entre 2 et 500.'],
    [
      { collective: 'collectif', capacity: '501' },
      'capacity',
      'Saisissez un nombre de places entre 2 et 500.',
    ],
    [{ location: 'ailleurs' }, 'location', 'Choisissez où se tient le rendez-vous.'],
    [{ bookableBy: '' }, 'bookableBy', 'Choisissez qui peut prendre ce rendez-vous.'],
    [{ changeLimitHours: '1000' }, 'changeLimitHours', 'Saisissez un nombre entier entre 0 et 720.'],
    [{ name: ' ' }, 'name', 'Saisissez le nom du motif.'],
  ])('refuses %o', (change, field, message) => {
    const parsed = parseSettingsForm(appointmentTypeForm, { ...valid, ...change });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.form.errors[field]).toContain(message);
  });
});

describe('appointment types (/rendez-vous/parametres/motifs)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  it('lets an admin add, edit and archive a type, audited', async () => {
    const { organisation, admin } = await organisationWithStaff(db());
    const blank = await get(
      t,
      `/rendez-vous/parametres/motifs/nouveau?organisation=${organisation.slug}`,
      admin.cookie,
    );
    expect(blank.statusCode).toBe(200);
    const { response } = await submitForm(t.app, {
      page: `/rendez-vous/parametres/motifs/nouveau?organisation=${organisation.slug}`,
      cookie: admin.cookie,
      fields: valid,
    });
    expect(response.statusCode).toBe(303);
    const [created] = await db()
      .select()
      .from(appointmentTypes)
      .where(eq(appointmentTypes.organisationId, organisation.id));
    expect(created).toMatchObject({
      name: valid.name,
      durationMinutes: 45,
      minBookingDelayMinutes: 1440,
      maxBookingDelayDays: 60,
      bookableBy: 'invited',
      bufferMinutes: 10,
      capacity: null,
    });

    const page = `/rendez-vous/parametres/motifs/${created!.id}`;
    const form = await get(t, page, admin.cookie);
    expect(form.body).toContain('value="24"');
    const edited = await submitForm(t.app, {
      page,
      cookie: admin.cookie,
      fields: { ...valid, collective: 'collectif', capacity: '8', durationMinutes: '120' },
    });
    expect(edited.response.statusCode).toBe(303);
    const archived = await submitForm(t.app, {
      page,
      action: `${page}/archivage`,
      cookie: admin.cookie,
      fields: {},
    });
    expect(archived.response.statusCode).toBe(303);
    const [after] = await db().select().from(appointmentTypes).where(eq(appointmentTypes.id, created!.id));
    expect(after).toMatchObject({ collective: true, capacity: 8, durationMinutes: 120 });
    expect(after!.archivedAt).not.toBeNull();
    const audit = await auditTrail(db(), { resourceType: 'appointment_type', resourceId: created!.id });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('shows a refused form again with the values typed and no database error', async () => {
    const { organisation, admin } = await organisationWithStaff(db());
    const { response } = await submitForm(t.app, {
      page: `/rendez-vous/parametres/motifs/nouveau?organisation=${organisation.slug}`,
      cookie: admin.cookie,
      fields: { ...valid, durationMinutes: '600', collective: 'collectif', capacity: '1' },
    });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'durationMinutes')).toBe('Saisissez un nombre entier entre 5 et 480.');
    expect(fieldError(response.body, 'capacity')).toBe('Saisissez un nombre de places entre 2 et 500.');
    expect(response.body).toContain('value="600"');
    expect(response.body).toContain('Apportez votre attestation CAF.');
  });

  it('lets agents read types but not change them, and hides other territories’ types', async () => {
    const { organisation, admin, agent, readonly } = await organisationWithStaff(db());
    const other = await organisationWithStaff(db());
    const type = await newAppointmentType(db(), organisation.id);
    const theirs = await newAppointmentType(db(), other.organisation.id, { name: 'Motif d’ailleurs' });
    for (const cookie of [agent.cookie, readonly.cookie]) {
      const page = await get(t, `/rendez-vous/parametres/motifs/${type.id}`, cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Seuls les administrateurs');
      expect(page.body).not.toContain('name="durationMinutes"');
    }
    const refused = await submitForm(t.app, {
      page: `/rendez-vous/parametres/motifs?organisation=${organisation.slug}`,
      action: `/rendez-vous/parametres/motifs/nouveau?organisation=${organisation.slug}`,
      cookie: agent.cookie,
      fields: valid,
    });
    expect(refused.response.statusCode).toBe(403);
    expect((await get(t, `/rendez-vous/parametres/motifs/${theirs.id}`, agent.cookie)).statusCode).toBe(404);
    const edit = await submitForm(t.app, {
      page: `/rendez-vous/parametres/motifs?organisation=${organisation.slug}`,
      action: `/rendez-vous/parametres/motifs/${theirs.id}`,
      cookie: admin.cookie,
      fields: valid,
    });
    expect(edit.response.statusCode).toBe(404);
    const [row] = await db().select().from(appointmentTypes).where(eq(appointmentTypes.id, theirs.id));
    expect(row!.name).toBe('Motif d’ailleurs');
  });
});
