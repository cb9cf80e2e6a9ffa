import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticateApiToken } from '../platform/api/api-token.service.ts';
import { newOrganisation } from '../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../platform/testing/harness.ts';
import { tokenCreateCommand } from './token-create.ts';

class TestCommandError extends Error {}

describe('token:create', () => {
  let t: TestContext;
  const command = tokenCreateCommand(TestCommandError);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('prints the token once, on its own line, with a warning that it will not be shown again', async () => {
    const organisation = await newOrganisation(t.platform.database.db, { name: 'UTS de Toulon' });
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await command.run(t.platform, {
        values: { organisation: organisation.slug, name: 'Export nocturne' },
        positionals: [],
      });
      expect(out).toHaveBeenCalledTimes(1);
      const token = String(out.mock.calls[0]![0]);
      expect(token).toMatch(/^trp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      const messages = err.mock.calls.map((c) => String(c[0])).join('\n');
      expect(messages).toContain('UTS de Toulon');
      expect(messages).toContain('il ne sera plus affiché');
      expect(messages).not.toContain(token);
      const identity = await authenticateApiToken(t.platform.database.db, token, new Date());
      expect(identity?.organisationId).toBe(organisation.id);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('fails clearly on an unknown organisation or a missing option', async () => {
    await expect(
      command.run(t.platform, { values: { organisation: 'nulle-part' }, positionals: [] }),
    ).rejects.toThrow(
      new TestCommandError(
        'Aucune organisation ne porte l’identifiant « nulle-part ». Vérifiez son slug dans l’administration.',
      ),
    );
    await expect(command.run(t.platform, { values: {}, positionals: [] })).rejects.toBeInstanceOf(
      TestCommandError,
    );
  });
});
