import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../testing/harness.ts';

describe('OpenAPI documentation', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('describes the /api/v1 routes with the bearer scheme, and nothing else', async () => {
    const response = await t.app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as {
      openapi: string;
      paths: Record<string, Record<string, { tags?: string[]; parameters?: { name: string; in: string }[] }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: object };
      security: object[];
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/agents',
      '/api/v1/agents/{id}',
      '/api/v1/appointment-types',
      '/api/v1/appointments',
      '/api/v1/appointments/{id}',
      '/api/v1/indicators',
      '/api/v1/organisation',
      '/api/v1/slots',
    ]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    const read = document.paths['/api/v1/agents/{id}']!.get!;
    expect(read.tags).toEqual(['Agents']);
    expect(read.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    // The impact indicators are public (aggregates only): no token.
    expect(document.paths['/api/v1/indicators']!.get).toMatchObject({ tags: ['Indicateurs'], security: [] });
    expect(document.components.schemas).toHaveProperty('Agent');
    expect(document.components.schemas).toHaveProperty('Erreur');
    // Every $ref points to a schema that the document defines.
    for (const [, name] of JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(document.components.schemas).toHaveProperty(name!);
    }
  });

  it('serves Swagger UI as HTML whose scripts are files allowed by a strict CSP', async () => {
    const page = await t.app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests'); // the test instance is served over http
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>[^<\s]/);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const url = new URL(src, 'http://localhost/api/docs').pathname;
      const script = await t.app.inject({ url });
      expect(script.statusCode, url).toBe(200);
    }
    const initializer = await t.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain("resolveUrl('./json')");
  });

  it('keeps the site’s own CSP elsewhere', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home.headers['content-security-policy']).toContain("form-action 'self'");
  });
});
