import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { assemblePlatform, closePlatform } from './assemble.ts';
import { signInByEmail } from './auth/testing.ts';
import { openPostgres } from './db/client.ts';
import type { Platform } from './platform.ts';
import { newAgent, newOrganisation } from './testing/factories.ts';
import { startTestApp, type TestContext } from './testing/harness.ts';

/**
 * Two app instances, each with its own connection pool, on one PostgreSQL database: what a
 * deployment behind a load balancer does. Nothing a user relies on may live in one process.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  let first: TestContext;
  let second: Awaited<ReturnType<typeof buildApp>>;
  let secondPlatform: Platform;

  beforeAll(async () => {
    first = await startTestApp();
    const database = await openPostgres(first.databaseUrl!, 5);
    secondPlatform = await assemblePlatform(first.platform.config, database, []);
    second = await buildApp(secondPlatform);
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await closePlatform(secondPlatform);
    await first.close();
  });

  it('accepts on one instance a session opened on the other, and honours a sign-out made on either', async () => {
    const organisation = await newOrganisation(first.platform.database.db);
    const agent = await newAgent(first.platform.database.db, {
      firstName: 'Louise',
      memberships: [{ organisationId: organisation.id, role: 'agent' }],
    });
    const cookie = await signInByEmail(first, agent.email);

    const onSecond = await second.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(onSecond.statusCode).toBe(200);
    expect(onSecond.body).toContain('Louise');

    const page = await second.inject({ url: '/tableau-de-bord', headers: { cookie } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const csrfCookie = [page.headers['set-cookie']]
      .flat()
      .filter(Boolean)
      .map((c) => String(c).split(';')[0]);
    const signOut = await second.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: {
        cookie: [cookie, ...csrfCookie].join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(token)}`,
    });
    expect(signOut.statusCode).toBe(303);

    const backOnFirst = await first.app.inject({ url: '/tableau-de-bord', headers: { cookie } });
    expect(backOnFirst.statusCode).toBe(303);
    expect(backOnFirst.headers.location).toMatch(/^\/connexion/);
  });

  it('shares rate limits: the per-IP limit of the sign-in form counts requests on both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const app = i % 2 === 0 ? first.app : second;
      const form = await app.inject({ url: '/connexion', remoteAddress: '203.0.113.9' });
      const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const cookie = [form.headers['set-cookie']]
        .flat()
        .filter(Boolean)
        .map((c) => String(c).split(';')[0])
        .join('; ');
      const response = await app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: '203.0.113.9',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(token)}&email=personne${i}%40exemple.fr`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(10);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});
