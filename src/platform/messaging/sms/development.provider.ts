import type { SmsProvider } from './provider.ts';

/**
 * Outside production, with SMS_PROVIDER=none: nothing leaves the machine. The message is marked sent
 * (the development outbox page shows its text, rendered from the outbox row) and gets a recognisable
 * id instead of a provider's.
 */
export const developmentSmsProvider: SmsProvider = {
  name: 'development',
  async send(sms) {
    return { providerMessageId: `development-${sms.reference}` };
  },
};
