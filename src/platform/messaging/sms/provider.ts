/**
 * What Tremplin needs from an SMS provider: send one SMS and get the provider's id for it, and read
 * what the provider reports back on its webhook (delivery receipts, and people who answered STOP).
 * One adapter per provider (brevo.provider.ts); the development provider sends nothing.
 */
export type OutgoingSms = {
  /** E.164, as checked by checkMobileNumber. */
  to: string;
  /** Already normalised (normaliseSmsText): exactly the text that is billed. */
  text: string;
  /** Alphanumeric sender ID (SMS_SENDER). */
  sender: string;
  /** True when the text needs UCS-2; false lets the provider send it in the GSM alphabet. */
  unicode: boolean;
  /** A label for the provider's statistics: the template name (e.g. "rsa.invitation"). */
  tag: string;
  /** The outbox message id, for providers and logs that keep a reference. */
  reference: string;
};

/** What a provider's webhook tells, in Tremplin's words. */
export type SmsProviderEvent =
  | { kind: 'delivered'; providerMessageId: string }
  | { kind: 'failed'; providerMessageId: string; reason: string }
  /** The recipient answered STOP (or the provider unsubscribed them): no more non-urgent SMS. */
  | { kind: 'opted_out'; phone: string; source: string };

export type SmsProvider = {
  /** Stored in outbox_messages.provider; delivery receipts are matched on (provider, provider message id). */
  name: string;
  /** Resolves once the provider has taken the SMS (its id, when it gives one); throws SmsProviderError. */
  send(sms: OutgoingSms): Promise<{ providerMessageId: string | undefined }>;
};

/**
 * A provider refused or failed. `permanent` when sending the same request again cannot succeed (the
 * number or the text is refused); otherwise (provider down, timeout, rate limit, credit exhausted,
 * wrong API key being fixed) the outbox retries with its backoff.
 */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
