import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TremplinModule } from '../modules.ts';
import { startTestApp, type TestContext } from '../testing/harness.ts';

describe('web layout', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the home page in French with the State design system and security headers', async () => {
    const response = await t.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="fr"');
    expect(response.body).toContain('class="fr-header"');
    expect(response.body).toContain('République');
    expect(response.body).toMatch(/href="\/static\/dsfr-[\d.]+\/dsfr\.min\.css"/);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    for (const path of ['/mentions-legales', '/accessibilite', '/donnees-personnelles']) {
      expect(response.body).toContain(`href="${path}"`);
      expect((await t.app.inject({ url: path })).statusCode).toBe(200);
    }
  });

  it('serves DSFR assets compressed with a one-year cache', async () => {
    const home = await t.app.inject({ url: '/' });
    const css = /href="(\/static\/dsfr-[^"]+dsfr\.min\.css)"/.exec(home.body)![1]!;
    const response = await t.app.inject({ url: css, headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toMatch(/br|gzip/);
    expect(response.headers['cache-control']).toContain('max-age=31536000');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers unknown pages with a French 404 page, and JSON under /api', async () => {
    const page = await t.app.inject({ url: '/nulle-part' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page introuvable');
    const api = await t.app.inject({ url: '/api/v1/nulle-part' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'not_found', message: 'Cette page n’existe pas.', fields: {} });
  });

  it('refuses a state-changing request without the form token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/', payload: {} });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('formulaire a expiré');
  });
});

describe('expired session on a form', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends the agent to sign in, then back to the page that held the form', async () => {
    const form = await t.app.inject({ url: '/connexion' });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = [form.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    const response = await t.app.inject({
      method: 'POST',
      url: '/compte/organisation',
      headers: {
        cookie,
        referer: 'http://localhost:80/compte/organisation',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(token)}&organisationId=x`,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/connexion?suite=${encodeURIComponent('/compte/organisation')}`);
  });
});

describe('form token on a route with a body schema', () => {
  // The schema keeps only `name`: validation drops _csrf before the CSRF check runs in preHandler.
  const echo: TremplinModule = {
    name: 'echo',
    title: 'Écho',
    async register(app) {
      app
        .withTypeProvider<ZodTypeProvider>()
        .post('/echo', { schema: { body: z.object({ name: z.string() }) } }, async (request) => ({
          name: request.body.name,
        }));
    },
  };
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp({}, [echo]);
  });
  afterAll(() => t.close());

  it('accepts the form with its token and refuses it without', async () => {
    const form = await t.app.inject({ url: '/connexion' });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = [form.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    const post = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/echo',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
    const accepted = await post(`_csrf=${encodeURIComponent(token)}&name=Lea`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ name: 'Lea' });
    expect((await post('name=Lea')).statusCode).toBe(403);
  });
});
