import type PgBoss from 'pg-boss';
import type { Config } from '../config.ts';
import type { Channel, ChannelSender } from './channels.ts';
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
};

export function createMessaging(config: Config, boss: PgBoss, senders: ChannelSender[] = []): Messaging {
  const channels = new Map<Channel, ChannelSender>([
    // Non-essential emails carry a signed List-Unsubscribe link (unsubscribe.ts).
    ['email', emailChannel(config, { unsubscribeUrl: (messageId) => unsubscribeUrl(config, messageId) })],
  ]);
  channels.set('letter', letterChannel()); // printed and posted by agents (letters/)
  channels.set('sms', smsChannel(config)); // SMS_PROVIDER (sms/)
  for (const sender of senders) channels.set(sender.channel, sender);
  return { boss, templates: new TemplateRegistry(), channels, baseUrl: config.baseUrl, claimSeconds: 60 };
}

export function closeMessaging(messaging: Messaging): void {
  for (const sender of messaging.channels.values()) sender.close?.();
}
