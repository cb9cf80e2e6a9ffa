import type { AnyTemplate, MessageTemplate } from '../../../platform/messaging/templates.ts';
import { fitSms } from '../../../platform/scheduling/notifications/sms-text.ts';

/**
 * The SMS a caller asks for from the voice menu: the service's information (address, hours, what to
 * bring, written by the UTS) and, when the service takes appointments online, the booking link.
 */
export const SERVICE_INFO_SMS = 'accueil.informations-service';

export type ServiceInfoMessage = { serviceName: string; info: string; bookingPath: string | null };

export const serviceInfoSmsTemplate: Extract<MessageTemplate<ServiceInfoMessage>, { channel: 'sms' }> = {
  name: SERVICE_INFO_SMS,
  description: 'Accueil téléphonique : informations du service et lien de prise de rendez-vous, par SMS',
  channel: 'sms',
  example: {
    serviceName: 'Pôle Accueil',
    info: 'UTS de La Seyne-sur-Mer, 1 rue Ernest Renan. Ouvert du lundi au vendredi, 8h30-12h et 13h30-17h.',
    bookingPath: '/rdv/motifs?commune=83126',
  },
  render: (m, context) => {
    const link = m.bookingPath ? ` Rendez-vous en ligne : ${context.baseUrl}${m.bookingPath}` : '';
    return { text: fitSms([`${m.info}${link}`, `${m.serviceName}.${link}`]) };
  },
};

export const callTemplates: AnyTemplate[] = [serviceInfoSmsTemplate];
