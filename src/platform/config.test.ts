import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = { NODE_ENV: 'test' };

describe('configuration', () => {
  it('has defaults that start the embedded database on port 3000', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.sessionIdleMinutes).toBe(120);
    expect(config.modules).toBe('all');
  });

  it('lists every bad value at once, in French', () => {
    try {
      loadConfig({ ...base, PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_IDLE_MINUTES: '1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toContain('PORT="abc" : doit être un nombre');
      expect(problems.join('\n')).toContain('DATABASE_URL="mysql://x" : doit commencer par postgres://');
    }
  });

  it('demands a secret key and a public URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SECRET_KEY est obligatoire[\s\S]*BASE_URL est obligatoire[\s\S]*SMTP_URL est obligatoire/,
    );
  });

  it('wants the three OIDC settings together', () => {
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://proconnect.example' })).toThrow(/OIDC_ISSUER/);
  });

  it('makes the server exit with code 1 and a clear message on a non-numeric port', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH, PORT: 'abc' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration invalide');
    expect(result.stderr).toContain('PORT="abc"');
  });

  it('makes the server exit with code 1 when DATABASE_URL cannot be reached', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://tremplin@127.0.0.1:9/absente' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Impossible de joindre PostgreSQL (postgres://tremplin@127.0.0.1:9/absente)',
    );
  });
});

describe('module selection', () => {
  it('switches on the modules named in MODULES and refuses an unknown one', async () => {
    const { enabledModules } = await import('./modules.ts');
    const rsa = { name: 'rsa', title: 'RSA', register: async () => {} };
    const accueil = { name: 'accueil', title: 'Accueil', register: async () => {} };
    expect(enabledModules([rsa, accueil], 'all')).toEqual([rsa, accueil]);
    expect(enabledModules([rsa, accueil], ['accueil'])).toEqual([accueil]);
    expect(() => enabledModules([rsa, accueil], ['compost'])).toThrow(/module inconnu compost/);
  });
});
