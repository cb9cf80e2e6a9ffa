import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Tremplin reads from the environment, with its default.
 * The README's configuration table is written from this list: keep them in step.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'doit valoir true ou false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ message: 'doit être un nombre' })
    .int('doit être un entier')
    .min(0)
    .max(65535, 'doit être un port entre 0 et 65535')
    .default(3000),
  BASE_URL: z
    .url({ message: 'doit être une URL complète, par exemple https://tremplin.example.fr' })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'doit être un nombre' }).int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  SECRET_KEY: z.string().min(32, 'doit faire au moins 32 caractères').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'doit commencer par smtp:// ou smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Tremplin <ne-pas-repondre@tremplin.localhost>'),
  SMS_PROVIDER: z.enum(['none', 'brevo'], { message: 'doit valoir none ou brevo' }).default('none'),
  // What phones show as the sender: an alphanumeric sender ID is 3 to 11 letters or digits (GSM, no space).
  SMS_SENDER: z
    .string()
    .regex(
      /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/,
      'doit faire de 3 à 11 caractères, lettres sans accent ou chiffres, sans espace, dont au moins une lettre (par exemple Tremplin ou CD83)',
    )
    .default('Tremplin'),
  BREVO_API_KEY: z.string().min(16, 'doit faire au moins 16 caractères (clé d’API Brevo)').optional(),
  BREVO_API_URL: z
    .url({ message: 'doit être une URL complète, par exemple https://api.brevo.com/v3' })
    .default('https://api.brevo.com/v3'),
  SMS_WEBHOOK_SECRET: z
    .string()
    .min(32, 'doit faire au moins 32 caractères')
    .regex(/^[A-Za-z0-9_-]+$/, 'lettres, chiffres, - et _ seulement : il fait partie d’une adresse web')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'doit être un nombre' }).int().min(5).default(120),
  SESSION_MAX_HOURS: z.coerce.number({ message: 'doit être un nombre' }).int().min(1).default(12),
  OIDC_ISSUER: z.url({ message: 'doit être une URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).default('ProConnect'),
  TRUST_PROXY: booleanFlag.default(false),
  SEED_DEMO: booleanFlag.optional(),
  JOBS_IN_PROCESS: booleanFlag.optional(),
  JOBS_RETRY_DELAY_SECONDS: z.coerce.number({ message: 'doit être un nombre' }).int().min(1).default(30),
  JOBS_EXPIRE_SECONDS: z.coerce.number({ message: 'doit être un nombre' }).int().min(2).default(120),
  JOBS_MAINTENANCE_SECONDS: z.coerce.number({ message: 'doit être un nombre' }).int().min(1).default(120),
  METRICS_TOKEN: z.string().min(16, 'doit faire au moins 16 caractères').optional(),
  MODULES: z.string().default('all'),
  SIP_ENABLED: booleanFlag.default(true),
  SIP_HOST: z.string().min(1).default('127.0.0.1'),
  SIP_PORT: z.coerce
    .number({ message: 'doit être un nombre' })
    .int('doit être un entier')
    .min(1, 'doit être un port entre 1 et 65535')
    .max(65535, 'doit être un port entre 1 et 65535')
    .default(5060),
  SIP_PUBLIC_ADDRESS: z.string().min(1).optional(),
  RTP_PORT_MIN: z.coerce
    .number({ message: 'doit être un nombre' })
    .int('doit être un entier')
    .min(1, 'doit être un port entre 1 et 65535')
    .max(65535, 'doit être un port entre 1 et 65535')
    .default(20000),
  RTP_PORT_MAX: z.coerce
    .number({ message: 'doit être un nombre' })
    .int('doit être un entier')
    .min(1, 'doit être un port entre 1 et 65535')
    .max(65535, 'doit être un port entre 1 et 65535')
    .default(20999),
  SIP_TRUNK_URI: z
    .string()
    .regex(/^sips?:[^\s]+$/, 'doit être une adresse SIP, par exemple sip:sip.operateur.fr:5060')
    .optional(),
  SIP_TRUNK_USERNAME: z.string().min(1).optional(),
  SIP_TRUNK_PASSWORD: z.string().min(1).optional(),
  SIP_REGISTER_SECONDS: z.coerce
    .number({ message: 'doit être un nombre' })
    .int()
    .min(60)
    .max(86400)
    .default(600),
  SIP_TRANSFER: z.enum(['refer', 'bridge'], { message: 'doit valoir refer ou bridge' }).default('refer'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  baseUrl: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  secretKey: string;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: SmsConfig;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | undefined;
  trustProxy: boolean;
  seedDemo: boolean;
  metricsToken: string | undefined;
  /** Whether the server also runs the background workers (embedded default) or leaves them to `npm run worker`. */
  jobsInProcess: boolean;
  /**
   * How fast jobs recover. Production keeps the defaults (see defaultRetryPolicy for the retry delay);
   * the reliability tests shorten them so that a crash or an outage plays out in seconds.
   */
  jobTiming: JobTiming;
  /** Module names switched on, or 'all'. */
  modules: string[] | 'all';
  telephony: TelephonyConfig;
};

/**
 * The phone reception's voice server (src/modules/accueil/voice): a SIP user agent on UDP that the
 * operator's trunk sends calls to, with RTP media on a port range. Registration with digest
 * authentication when the trunk asks for it (SIP_TRUNK_URI + credentials).
 */
export type TelephonyConfig = {
  enabled: boolean;
  host: string;
  port: number;
  /** The address written in Contact and SDP (the machine's public address behind a 1:1 NAT). */
  publicAddress: string;
  rtpPorts: { min: number; max: number };
  trunk: { uri: string; username: string; password: string; registerSeconds: number } | undefined;
  /** 'refer' asks the trunk to transfer (bridging if it refuses); 'bridge' always bridges two calls. */
  transfer: 'refer' | 'bridge';
};

export type JobTiming = {
  /** First wait before retrying a failed job; each further retry waits about twice as long. */
  retryDelaySeconds: number;
  /**
   * How long a job may stay in a worker's hands before it counts as abandoned (its worker crashed) and
   * is retried; a message's claim lasts half of it (see createMessaging).
   */
  expireSeconds: number;
  /** How often pg-boss looks for abandoned jobs (and archives old ones), in one of the processes. */
  maintenanceSeconds: number;
};

/**
 * SMS sending (src/platform/messaging/sms). With provider 'none' nothing leaves the machine: outside
 * production the development provider marks SMS as sent (the development outbox shows them); in
 * production they are recorded as not sendable, with the reason, so that nobody believes they went out.
 */
export type SmsConfig = {
  provider: 'none' | 'brevo';
  sender: string;
  brevo: { apiKey: string; apiUrl: string } | undefined;
  /** Part of the delivery-receipt address given to the provider: /webhooks/sms/brevo/<secret>. */
  webhookSecret: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the environment; throws ConfigError listing every bad value at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${String(i.path[0])}=${JSON.stringify(cleaned[String(i.path[0])] ?? '')} : ${i.message}`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.SECRET_KEY) problems.push('SECRET_KEY est obligatoire en production');
  if (e.NODE_ENV === 'production' && !e.BASE_URL) problems.push('BASE_URL est obligatoire en production');
  // Without SMTP, sign-in links would go to the development outbox, which production does not show.
  if (e.NODE_ENV === 'production' && !e.SMTP_URL) problems.push('SMTP_URL est obligatoire en production');
  const oidcVars = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcVars.some(Boolean) && !oidcVars.every(Boolean)) {
    problems.push(
      'OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble : renseignez les trois ou aucun',
    );
  }
  if (e.SMS_PROVIDER === 'brevo' && !e.BREVO_API_KEY) {
    problems.push('SMS_PROVIDER=brevo demande BREVO_API_KEY (la clé d’API du compte Brevo)');
  }
  // Without the webhook, STOP replies would not be honoured: Brevo is not set up without it.
  if (e.SMS_PROVIDER === 'brevo' && !e.SMS_WEBHOOK_SECRET) {
    problems.push(
      'SMS_PROVIDER=brevo demande SMS_WEBHOOK_SECRET (au moins 32 caractères), pour recevoir les accusés de réception et les STOP',
    );
  }
  if (e.RTP_PORT_MIN > e.RTP_PORT_MAX)
    problems.push('RTP_PORT_MIN doit être inférieur ou égal à RTP_PORT_MAX');
  const trunkVars = [e.SIP_TRUNK_URI, e.SIP_TRUNK_USERNAME, e.SIP_TRUNK_PASSWORD];
  if (trunkVars.some(Boolean) && !trunkVars.every(Boolean)) {
    problems.push(
      'SIP_TRUNK_URI, SIP_TRUNK_USERNAME et SIP_TRUNK_PASSWORD vont ensemble : renseignez les trois ou aucun',
    );
  }
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir,
    secretKey: e.SECRET_KEY ?? developmentSecret(dataDir, e.NODE_ENV),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sms: {
      provider: e.SMS_PROVIDER,
      sender: e.SMS_SENDER,
      brevo:
        e.SMS_PROVIDER === 'brevo' && e.BREVO_API_KEY
          ? { apiKey: e.BREVO_API_KEY, apiUrl: e.BREVO_API_URL.replace(/\/$/, '') }
          : undefined,
      webhookSecret: e.SMS_WEBHOOK_SECRET,
    },
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            label: e.OIDC_LABEL,
          }
        : undefined,
    trustProxy: e.TRUST_PROXY,
    // An empty embedded database is seeded with the demo unless told otherwise; a server database never is by default.
    seedDemo: e.SEED_DEMO ?? (!e.DATABASE_URL && e.NODE_ENV !== 'production'),
    metricsToken: e.METRICS_TOKEN,
    // PGlite admits one process, so its server runs the workers; with PostgreSQL they are separate processes.
    jobsInProcess: e.JOBS_IN_PROCESS ?? !e.DATABASE_URL,
    jobTiming: {
      retryDelaySeconds: e.JOBS_RETRY_DELAY_SECONDS,
      expireSeconds: e.JOBS_EXPIRE_SECONDS,
      maintenanceSeconds: e.JOBS_MAINTENANCE_SECONDS,
    },
    modules:
      e.MODULES === 'all'
        ? 'all'
        : e.MODULES.split(',')
            .map((m) => m.trim())
            .filter(Boolean),
    telephony: {
      // Tests start the voice server themselves, on ports of their own.
      enabled: e.SIP_ENABLED && e.NODE_ENV !== 'test',
      host: e.SIP_HOST,
      port: e.SIP_PORT,
      publicAddress: e.SIP_PUBLIC_ADDRESS ?? e.SIP_HOST,
      rtpPorts: { min: e.RTP_PORT_MIN, max: e.RTP_PORT_MAX },
      trunk:
        e.SIP_TRUNK_URI && e.SIP_TRUNK_USERNAME && e.SIP_TRUNK_PASSWORD
          ? {
              uri: e.SIP_TRUNK_URI,
              username: e.SIP_TRUNK_USERNAME,
              password: e.SIP_TRUNK_PASSWORD,
              registerSeconds: e.SIP_REGISTER_SECONDS,
            }
          : undefined,
      transfer: e.SIP_TRANSFER,
    },
  };
}

/**
 * Outside production a missing SECRET_KEY is generated once and kept in the data directory,
 * so signed links and sessions survive a restart on a developer's machine.
 */
function developmentSecret(dataDir: string, env: string): string {
  if (env === 'test') return 'test-secret-key-test-secret-key-test-secret';
  const file = path.join(dataDir, 'secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function isSecure(config: Config): boolean {
  return config.baseUrl.startsWith('https://');
}
