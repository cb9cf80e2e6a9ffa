import type { Config } from '../../config.ts';
import { type ChannelSender, PermanentSendError } from '../channels.ts';
import type { SmsContent } from '../templates.ts';
import { brevoProvider } from './brevo.provider.ts';
import { developmentSmsProvider } from './development.provider.ts';
import { measureSms, normaliseSmsText } from './encoding.ts';
import { checkMobileNumber } from './phone.ts';
import { type SmsProvider, SmsProviderError } from './provider.ts';
import { endOfQuietHours } from './quiet-hours.ts';

/**
 * A cap of our own on one message's length, so that a template gone wrong cannot bill 40 SMS per
 * person: 10 parts are 1,530 GSM characters or 670 with accents outside GSM.
 */
export const MAX_SEGMENTS = 10;

const NO_PROVIDER =
  'l’envoi de SMS n’est pas configuré sur cette plateforme (SMS_PROVIDER) : ce SMS ne partira pas';

/** The provider SMS_PROVIDER names; in production without one, none (SMS are refused, never faked). */
export function smsProviderFor(config: Config): SmsProvider | undefined {
  if (config.sms.provider === 'brevo' && config.sms.brevo) return brevoProvider(config.sms.brevo);
  return config.env === 'production' ? undefined : developmentSmsProvider;
}

/**
 * The SMS channel of the outbox. prepare() runs in the caller's transaction: it checks the number
 * (E.164, mobile, France and overseas), counts the parts billed, and outside urgent messages holds the
 * SMS until 08:00 in the recipient's time zone when it is written between 20:00 and 08:00. send() runs
 * in a worker and hands the SMS to the provider: a refusal about this SMS (invalid number, HTTP 400)
 * is permanent; an outage, a timeout or a 5xx is retried by the outbox.
 */
export function smsChannel(
  config: Config,
  provider: SmsProvider | undefined = smsProviderFor(config),
): ChannelSender {
  return {
    channel: 'sms',
    prepare({ recipient, content, urgent, now }) {
      if (!provider) return { ok: false, reason: NO_PROVIDER };
      const phone = checkMobileNumber(recipient);
      if (!phone.ok) return phone;
      const text = normaliseSmsText((content as SmsContent).text);
      if (!text.trim()) return { ok: false, reason: 'le texte du SMS est vide' };
      const { segments } = measureSms(text);
      if (segments > MAX_SEGMENTS) {
        return { ok: false, reason: `SMS trop long : ${segments} SMS par envoi (${MAX_SEGMENTS} au plus)` };
      }
      const startAfter = urgent ? undefined : endOfQuietHours(now, phone.timeZone);
      return { ok: true, normalised: phone.e164, segments, ...(startAfter ? { startAfter } : {}) };
    },
    holdUntil(message, now) {
      // Quiet hours hold at queue time, but a retry after an outage, or a long queue, can reach a
      // worker in the evening: the rule is checked again at the last moment.
      if (message.urgent || !message.recipientNormalised) return undefined;
      const phone = checkMobileNumber(message.recipientNormalised);
      return phone.ok ? endOfQuietHours(now, phone.timeZone) : undefined;
    },
    async send(message, content) {
      if (!provider) throw new PermanentSendError(NO_PROVIDER);
      // The same normalisation as in prepare(), so that what is sent is what was counted.
      const text = normaliseSmsText((content as SmsContent).text);
      try {
        const { providerMessageId } = await provider.send({
          to: message.recipientNormalised!,
          text,
          sender: config.sms.sender,
          unicode: measureSms(text).encoding === 'UCS-2',
          tag: message.template,
          reference: message.id,
        });
        return { provider: provider.name, providerMessageId };
      } catch (error) {
        if (error instanceof SmsProviderError && error.permanent) throw new PermanentSendError(error.message);
        throw error;
      }
    },
  };
}
