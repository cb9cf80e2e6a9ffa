import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../testing/harness.ts';

describe('/healthz and /metrics', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('/healthz answers 200 {"status":"ok"} while the database answers', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"status":"ok"}');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('/healthz answers 503 once the database is gone', async () => {
    const broken = await startTestApp();
    const { database } = broken.platform;
    // The harness closes the database again when the app closes: let the second close be a no-op.
    const closeOnce = database.close.bind(database);
    let closing: Promise<void> | undefined;
    database.close = () => {
      closing ??= closeOnce();
      return closing;
    };
    try {
      await database.close();
      const response = await broken.app.inject({ url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable', message: expect.any(String) });
    } finally {
      await broken.close();
    }
  });

  it('/metrics gives Prometheus text with request durations and process metrics', async () => {
    await t.app.inject({ url: '/' });
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(response.body).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/"[^}]*\}/);
    expect(response.body).toContain('process_cpu_user_seconds_total');
    expect(response.body).toContain('nodejs_heap_size_used_bytes');
  });

  it('/metrics needs the bearer token when METRICS_TOKEN is set', async () => {
    const secret = 'metriques-secretes-0123456789';
    const guarded = await startTestApp({ METRICS_TOKEN: secret });
    try {
      const anonymous = await guarded.app.inject({ url: '/metrics' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: 'unauthenticated', fields: {} });
      const wrong = await guarded.app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer pas-le-bon-jeton-du-tout' },
      });
      expect(wrong.statusCode).toBe(401);
      const allowed = await guarded.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
