import type { FastifyInstance } from 'fastify';
import type { Command } from './commands.ts';
import { ConfigError } from './config.ts';
import type { IndicatorDefinition } from './indicators/indicators.ts';
import type { JobDefinition } from './jobs/registry.ts';
import type { AnyTemplate } from './messaging/templates.ts';
import type { Platform } from './platform.ts';
import type { AppointmentListener } from './scheduling/events.ts';

/**
 * What a module gives the platform. Each module folder exports one of these from its index.ts;
 * src/modules/index.ts lists them, and MODULES switches them on or off per deployment.
 */
export type TremplinModule = {
  /** Folder name, e.g. "rsa". */
  name: string;
  /** Shown in the navigation and on the dashboard, in French. */
  title: string;
  register(app: FastifyInstance, platform: Platform): Promise<void>;
  /** Its email, SMS and letter templates (files in the module), sent with queueMessage. */
  templates?: AnyTemplate[];
  /** Its background and scheduled jobs, run by the workers. */
  jobs?: JobDefinition[];
  /** Called in the transaction of every appointment change, after the platform's own notifications. */
  onAppointmentEvent?: AppointmentListener;
  /** Its commands for `npm run cli -- <name>`, named "<module>:<verb>". */
  commands?: Record<string, Command>;
  /** Its impact indicators (keys '<module>.<name>'), read by the programme portfolio through platform.indicators. */
  indicators?: IndicatorDefinition[];
  /** Adds its demo data on top of the platform's (idempotent: running it twice changes nothing). */
  seedDemo?: (platform: Platform) => Promise<void>;
  /**
   * A long-running service of its own that the server process starts after it listens (the phone
   * reception's SIP voice server), stopped before the database closes. Not started by tests or workers.
   */
  startService?: (platform: Platform) => Promise<RunningService | undefined>;
};

export type RunningService = { name: string; stop(): Promise<void> };

/** The modules MODULES switches on ('all', or a list of names); an unknown name is a configuration error. */
export function enabledModules(available: TremplinModule[], selection: string[] | 'all'): TremplinModule[] {
  if (selection === 'all') return available;
  const unknown = selection.filter((name) => !available.some((m) => m.name === name));
  if (unknown.length) {
    throw new ConfigError([
      `MODULES="${selection.join(',')}" : module inconnu ${unknown.join(', ')} (disponibles : ${available.map((m) => m.name).join(', ') || 'aucun'})`,
    ]);
  }
  return available.filter((m) => selection.includes(m.name));
}
