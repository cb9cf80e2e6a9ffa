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

  it('starts the voice server on 127.0.0.1:5060 by default, never in tests, and checks the trunk settings', () => {
    const development = loadConfig({ NODE_ENV: 'development', DATA_DIR: '/tmp/tremplin-config-test' });
    expect(development.telephony).toMatchObject({
      enabled: true,
      host: '127.0.0.1',
      port: 5060,
      publicAddress: '127.0.0.1',
      rtpPorts: { min: 20000, max: 20999 },
      trunk: undefined,
      transfer: 'refer',
    });
    expect(loadConfig(base).telephony.enabled).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'development', DATA_DIR: '/tmp/tremplin-config-test', SIP_ENABLED: 'false' })
        .telephony.enabled,
    ).toBe(false);
    const trunk = loadConfig({
      ...base,
      SIP_TRUNK_URI: 'sip:sip.operateur.example:5060',
      SIP_TRUNK_USERNAME: 'uts83',
      SIP_TRUNK_PASSWORD: 'secret',
    }).telephony.trunk;
    expect(trunk).toEqual({
      uri: 'sip:sip.operateur.example:5060',
      username: 'uts83',
      password: 'secret',
      registerSeconds: 600,
    });
    expect(() => loadConfig({ ...base, SIP_TRUNK_URI: 'sip:sip.operateur.example' })).toThrow(
      /SIP_TRUNK_URI, SIP_TRUNK_USERNAME et SIP_TRUNK_PASSWORD vont ensemble/,
    );
    expect(() => loadConfig({ ...base, RTP_PORT_MIN: '30000', RTP_PORT_MAX: '20000' })).toThrow(
      /RTP_PORT_MIN/,
    );
    expect(() => loadConfig({ ...base, SIP_PORT: '70000', SIP_TRANSFER: 'magic' })).toThrow(
      /SIP_PORT="70000"[\s\S]*SIP_TRANSFER="magic" : doit valoir refer ou bridge/,
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
