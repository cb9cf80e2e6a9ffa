import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgent, newOrganisation, signInAs } from '../testing/factories.ts';
import { submitForm, submitMultipartForm, type TestFile } from '../testing/forms.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';
import { logoMessages, MAX_LOGO_BYTES } from './logo.ts';
import { territories } from './tables.ts';
import { auditTrail, fieldError, get, organisationWithStaff, signedInOperator, tinyPng } from './testing.ts';

/**
 * A territory's logo: operators upload it on /admin/territoires/:slug, it is stored in the database
 * (so every instance serves it), served at a versioned URL and shown in the header of the agents of
 * that territory's organisations.
 */
describe('territory logo', () => {
  let t: TestContext;
  let operator: Awaited<ReturnType<typeof signedInOperator>>;
  let staff: Awaited<ReturnType<typeof organisationWithStaff>>;
  let page: string;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedInOperator(db());
    staff = await organisationWithStaff(db());
    page = `/admin/territoires/${staff.territory.slug}`;
  });
  afterAll(() => t.close());
  const db = () => t.platform.database.db;

  const png = (data = tinyPng): TestFile => ({ filename: 'logo.png', type: 'image/png', data });
  /** Posts the logo form; the CSRF token comes from `from` (a page the sender may open). */
  const upload = (file: TestFile, options: { cookie?: string; csrf?: boolean; from?: string } = {}) =>
    submitMultipartForm(t.app, {
      page: options.from ?? page,
      action: `${page}/logo`,
      files: { logo: file },
      cookie: options.cookie ?? operator.cookie,
      csrf: options.csrf,
    });
  const stored = async () => {
    const [row] = await db()
      .select({
        logo: territories.logo,
        contentType: territories.logoContentType,
        updatedAt: territories.logoUpdatedAt,
      })
      .from(territories)
      .where(eq(territories.id, staff.territory.id));
    return row!;
  };
  const headerLogo = (html: string) =>
    /<div class="fr-header__operator"><img class="fr-responsive-img tp-operator-logo" src="([^"]+)" alt="([^"]*)"/.exec(
      html,
    );

  it('is linked from the territories list and shows no logo at first', async () => {
    const list = await get(t, '/admin/territoires', operator.cookie);
    expect(list.body).toContain(`href="${page}"`);
    const response = await get(t, page, operator.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<h1>${staff.territory.name}</h1>`);
    expect(response.body).toContain('enctype="multipart/form-data"');
    expect(response.body).toContain('Ce territoire n’a pas de logo');
    expect(response.body).toContain(staff.organisation.name);
    expect(response.body).not.toContain('Retirer le logo');
    expect(headerLogo((await get(t, '/tableau-de-bord', staff.agent.cookie)).body)).toBeNull();
  });

  it('is uploaded by an operator, audited, and shown in the header of the territory’s agents', async () => {
    const { response, cookie } = await upload(png());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(page);

    const row = await stored();
    expect(row.contentType).toBe('image/png');
    expect(Buffer.compare(row.logo!, tinyPng)).toBe(0);
    const version = row.updatedAt!.getTime();
    const [event] = await auditTrail(db(), {
      action: 'update',
      resourceType: 'territory',
      resourceId: staff.territory.id,
    });
    expect(event).toMatchObject({
      actorId: operator.id,
      territoryId: staff.territory.id,
      details: { logo: 'replaced', contentType: 'image/png', bytes: tinyPng.length },
    });

    const after = await get(t, page, cookie);
    expect(after.body).toContain(`Logo de ${staff.territory.name} enregistré.`);
    expect(after.body).toContain(`src="/territoires/${staff.territory.slug}/logo?v=${version}"`);
    expect(after.body).toContain('Retirer le logo');

    for (const member of [staff.agent, staff.readonly]) {
      const dashboard = await get(t, '/tableau-de-bord', member.cookie);
      const match = headerLogo(dashboard.body);
      expect(match?.[1]).toBe(`/territoires/${staff.territory.slug}/logo?v=${version}`);
      expect(match?.[2]).toBe(staff.territory.name);
    }

    const image = await get(t, `/territoires/${staff.territory.slug}/logo?v=${version}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(image.rawPayload, tinyPng)).toBe(0);
  });

  it('is cached for a year only at the URL of its current version', async () => {
    const version = (await stored()).updatedAt!.getTime();
    const base = `/territoires/${staff.territory.slug}/logo`;
    for (const url of [base, `${base}?v=1`, `${base}?v=${version + 1}`]) {
      const response = await get(t, url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    const revalidated = await t.app.inject({
      url: base,
      headers: { 'if-none-match': `"${version}"` },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload).toHaveLength(0);
  });

  it('is not shown to the agents of another territory', async () => {
    const other = await organisationWithStaff(db());
    expect(headerLogo((await get(t, '/tableau-de-bord', other.agent.cookie)).body)).toBeNull();
    expect((await get(t, `/territoires/${other.territory.slug}/logo`)).statusCode).toBe(404);
    expect((await get(t, '/territoires/nexiste-pas/logo')).statusCode).toBe(404);
  });

  it('follows the organisation the agent works in now', async () => {
    const elsewhere = await newOrganisation(db());
    const agent = await newAgent(db(), {
      memberships: [
        { organisationId: staff.organisation.id, role: 'agent' },
        { organisationId: elsewhere.id, role: 'agent' },
      ],
    });
    const cookie = await signInAs(db(), agent.id);
    const chosen = async (organisationId: string) => {
      const { response } = await submitForm(t.app, {
        page: '/compte/organisation',
        cookie,
        fields: { organisationId },
      });
      expect(response.statusCode).toBe(303);
      return headerLogo((await get(t, '/tableau-de-bord', cookie)).body);
    };
    expect(await chosen(elsewhere.id)).toBeNull();
    expect((await chosen(staff.organisation.id))?.[2]).toBe(staff.territory.name);
  });

  describe('refuses, with a message on the field and nothing written,', () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    );
    const cases: [string, TestFile, string][] = [
      ['an SVG', { filename: 'logo.svg', type: 'image/svg+xml', data: svg }, logoMessages.svg],
      ['an SVG renamed logo.png', png(svg), logoMessages.svg],
      ['a fake PNG (wrong magic bytes)', png(Buffer.from('GIF89a, pas un PNG')), logoMessages.notAnImage],
      [
        'a PNG over 200 Ko',
        png(Buffer.concat([tinyPng, Buffer.alloc(MAX_LOGO_BYTES + 1 - tinyPng.length)])),
        logoMessages.tooLarge,
      ],
      [
        'a much larger PNG (3 Mo)',
        png(Buffer.concat([tinyPng, Buffer.alloc(3 * 1024 * 1024)])),
        logoMessages.tooLarge,
      ],
      [
        'no file chosen',
        { filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
        logoMessages.missing,
      ],
    ];
    it.each(cases)('%s', async (_, file, message) => {
      const before = await stored();
      const audited = (await auditTrail(db(), { resourceId: staff.territory.id })).length;
      const { response } = await upload(file);
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'logo')).toBe(message);
      expect(response.body).toContain('id="resume-erreurs"');
      expect(response.body).toContain('fr-upload-group--error');
      expect(await stored()).toEqual(before);
      expect(await auditTrail(db(), { resourceId: staff.territory.id })).toHaveLength(audited);
    });
  });

  it('refuses a request far too large before reading it (413)', async () => {
    const before = await stored();
    const { response } = await upload(png(Buffer.alloc(11 * 1024 * 1024)));
    expect(response.statusCode).toBe(413);
    expect(await stored()).toEqual(before);
  });

  it('refuses the upload form without its CSRF token (403)', async () => {
    const before = await stored();
    const other = png(Buffer.concat([tinyPng, Buffer.from('autre')]));
    const { response } = await upload(other, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Ce formulaire a expiré');
    expect(await stored()).toEqual(before);
  });

  it('is for operators only: the page and its forms answer 404 to anyone else', async () => {
    const before = await stored();
    for (const member of [staff.admin, staff.agent]) {
      expect((await get(t, page, member.cookie)).statusCode).toBe(404);
      // The CSRF token comes from a page the member may open; the form targets the operators' page.
      const { response } = await upload(png(), { cookie: member.cookie, from: '/compte' });
      expect(response.statusCode).toBe(404);
      const removal = await submitForm(t.app, {
        page: '/compte',
        action: `${page}/logo/retrait`,
        cookie: member.cookie,
        fields: {},
      });
      expect(removal.response.statusCode).toBe(404);
    }
    expect(await stored()).toEqual(before);
    expect((await get(t, '/admin/territoires/nexiste-pas', operator.cookie)).statusCode).toBe(404);
  });

  it('is removed with “Retirer le logo”, audited, and disappears from the header', async () => {
    const { updatedAt } = await stored();
    const { response, cookie } = await submitForm(t.app, {
      page,
      action: `${page}/logo/retrait`,
      cookie: operator.cookie,
      fields: {},
    });
    expect(response.statusCode).toBe(303);
    expect(await stored()).toEqual({ logo: null, contentType: null, updatedAt: null });
    const events = await auditTrail(db(), { action: 'update', resourceId: staff.territory.id });
    expect(events.at(-1)).toMatchObject({ actorId: operator.id, details: { logo: 'removed' } });
    expect((await get(t, page, cookie)).body).toContain(`Logo de ${staff.territory.name} retiré.`);
    expect(headerLogo((await get(t, '/tableau-de-bord', staff.agent.cookie)).body)).toBeNull();
    const old = await get(t, `/territoires/${staff.territory.slug}/logo?v=${updatedAt!.getTime()}`);
    expect(old.statusCode).toBe(404);
  });

  it('lets the database itself refuse an SVG or a half-set logo (check constraints)', async () => {
    const set = (values: Partial<typeof territories.$inferInsert>) =>
      db().update(territories).set(values).where(eq(territories.id, staff.territory.id));
    await expect(
      set({ logo: Buffer.from('<svg/>'), logoContentType: 'image/svg+xml', logoUpdatedAt: new Date() }),
    ).rejects.toThrow();
    await expect(set({ logo: tinyPng })).rejects.toThrow();
    await expect(
      set({
        logo: Buffer.alloc(MAX_LOGO_BYTES + 1),
        logoContentType: 'image/png',
        logoUpdatedAt: new Date(),
      }),
    ).rejects.toThrow();
    expect(await stored()).toEqual({ logo: null, contentType: null, updatedAt: null });
  });
});
