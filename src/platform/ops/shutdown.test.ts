import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { assemblePlatform } from '../assemble.ts';
import type { Platform } from '../platform.ts';
import { openTestDatabase, testConfig } from '../testing/harness.ts';
import { stopGracefully } from './shutdown.ts';

describe('graceful shutdown', () => {
  it('lets a request in flight finish, then refuses new connections and closes the database', async () => {
    const { database, drop } = await openTestDatabase();
    const config = testConfig();
    const platform: Platform = await assemblePlatform(config, database, []);
    const app = await buildApp(platform);
    // A slow page that still needs the database at its end, as a real page would.
    app.get('/lent', async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return { ok: await database.ping() };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const inFlight = fetch(`${url}/lent`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = stopGracefully(app, platform);

    expect(await inFlight).toEqual({ status: 200, body: { ok: true } });
    expect(await stopping).toBe('clean');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(await database.ping()).toBe(false);
    await drop().catch(() => {}); // already closed; drops the PostgreSQL test database if any
  });
});
