import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { IndicatorRegistry } from './indicators/indicators.ts';
import type { Messaging } from './messaging/messaging.ts';
import type { AppointmentListener } from './scheduling/events.ts';

/** The shared capabilities handed to every part of the app at start-up (no global container). */
export type Platform = {
  config: Config;
  database: Database;
  /** The outbox, its templates and channels, and the job queue (pg-boss) that delivers it. */
  messaging: Messaging;
  /** The modules' reactions to appointment changes (e.g. rsa follows its beneficiaries' first meeting). */
  appointmentListeners: AppointmentListener[];
  /** The impact indicators of the modules given at start-up, computed when read (programme portfolio, /api/v1/indicators). */
  indicators: IndicatorRegistry;
};
