import type PgBoss from 'pg-boss';
import type { Config } from '../config.ts';
import type { Channel, ChannelSender } from './channels.ts';
import { checkTemplates } from './check.templates.ts';
import { emailChannel } from './email.channel.ts';
import { letterChannel } from './letters/letter.channel.ts';
import { smsChannel } from './sms/sms.channel.ts';
import { TemplateRegistry } from './templates.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

/** Everything messaging needs at run time, built once per process (app or worker). */
export type Messaging = {
  boss: PgBoss;
  templates: TemplateRegistry;
  channels: Map<Channel, ChannelSender>;
  baseUrl: string;
  /** How long a worker's claim on a message lasts before another may take it over (crash recovery). */
  claimSeconds: number;
  /** The time workers go by for rules such as SMS quiet hours; replaceable in tests. */
  clock: () => Date;
};

export function createMessaging(config: Config, boss: PgBoss, senders: ChannelSender[] = []): Messaging {
  const channels = new Map<Channel, ChannelSender>([
    // Non-essential emails carry a signed List-Unsubscribe link (unsubscribe.ts).
    ['email', emailChannel(config, { unsubscribeUrl: (messageId) => unsubscribeUrl(config, messageId) })],
  ]);
  channels.set('letter', letterChannel()); // printed and posted by agents (letters/)
  channels.set('sms', smsChannel(config)); // SMS_PROVIDER (sms/)
  for (const sender of senders) channels.set(sender.channel, sender);
  const templates = new TemplateRegistry();
  templates.register(...checkTemplates); // messaging's own: test messages (check.templates.ts)
  return {
    boss,
    templates,
    channels,
    baseUrl: config.baseUrl,
    // Half the job's expiry (60 s of 120 by default): by the time pg-boss retries the job of a crashed
    // worker, the claim on its message has run out and the retry can take the message over.
    claimSeconds: Math.max(1, Math.floor(config.jobTiming.expireSeconds / 2)),
    clock: () => new Date(),
  };
}

export function closeMessaging(messaging: Messaging): void {
  for (const sender of messaging.channels.values()) sender.close?.();
}
