import type { MessageTemplate } from './templates.ts';

/**
 * Messages that check that sending works end to end: queued in the outbox and sent by a worker like
 * any other, so an operator who receives one knows that SMTP_URL (or the SMS provider) and the
 * workers are right. They belong to messaging itself, so every process knows them: the reliability
 * tests and `npm run bench -- messaging` send them through real `npm run worker` processes, which
 * know only the platform's and the modules' templates.
 */
export type CheckMessage = {
  /** Tells one check from another (a ticket number, a run of the benchmark). */
  reference: string;
  requestedBy?: string;
};

export const CHECK_EMAIL_TEMPLATE = 'messaging.check-email';
export const CHECK_SMS_TEMPLATE = 'messaging.check-sms';

const where = (territoryName: string | null) => (territoryName ? ` pour ${territoryName}` : '');

/** Essential: a check must arrive even at an address that unsubscribed from other mail. */
export const checkEmailTemplate: MessageTemplate<CheckMessage> = {
  name: CHECK_EMAIL_TEMPLATE,
  description: 'Courriel d’essai : vérifie que les courriels partent (SMTP et workers)',
  channel: 'email',
  essential: true,
  example: { reference: 'essai-1', requestedBy: 'Samia Benali' },
  render(data, context) {
    const by = data.requestedBy ? `, à la demande de ${data.requestedBy}` : '';
    const lines = [
      'Bonjour,',
      '',
      `Ce courriel d’essai (${data.reference}) a été envoyé par Tremplin${where(context.territoryName)}${by}.`,
      'S’il vous parvient, le serveur d’envoi et les processus d’envoi fonctionnent.',
      '',
      `— Tremplin, ${context.baseUrl}`,
    ];
    const html = lines.map((line) => (line ? `<p>${escapeHtml(line)}</p>` : '')).join('\n');
    return { subject: `Courriel d’essai de Tremplin (${data.reference})`, text: lines.join('\n'), html };
  },
};

export const checkSmsTemplate: MessageTemplate<CheckMessage> = {
  name: CHECK_SMS_TEMPLATE,
  description: 'SMS d’essai : vérifie que les SMS partent (fournisseur et workers)',
  channel: 'sms',
  example: { reference: 'essai-1' },
  render: (data, context) => ({
    text: `Tremplin${where(context.territoryName)} : SMS d'essai ${data.reference}. Les SMS partent bien.`,
  }),
};

export const checkTemplates = [checkEmailTemplate, checkSmsTemplate];

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
