import { invitationAttachment } from './ics.ts';
import {
  type AppointmentEmailTemplate,
  type AppointmentSmsTemplate,
  appointmentEmailText,
  exampleAppointment,
  formatWhen,
} from './message.ts';
import { appointmentSms } from './sms-text.ts';

export const CONFIRMATION_EMAIL_TEMPLATE = 'scheduling.confirmation-email';
export const CONFIRMATION_SMS_TEMPLATE = 'scheduling.confirmation-sms';

/** The confirmation email, with the appointment as an .ics invitation. Essential: no unsubscribe. */
export const confirmationEmailTemplate: AppointmentEmailTemplate = {
  name: CONFIRMATION_EMAIL_TEMPLATE,
  description: 'Rendez-vous : confirmation par courriel (avec le fichier agenda .ics)',
  channel: 'email',
  essential: true,
  example: exampleAppointment,
  render(m, context) {
    const text = appointmentEmailText(m, context, {
      intro: ['Votre rendez-vous est confirmé.'],
      closing: [
        'Le fichier joint (rendez-vous.ics) ajoute ce rendez-vous à votre agenda.',
        'Si vous ne pouvez pas venir, prévenez-nous : la place servira à quelqu’un d’autre.',
      ],
    });
    return {
      subject: `Rendez-vous confirmé le ${formatWhen(m.startsAt)}`,
      text,
      attachments: [invitationAttachment(m, 'REQUEST', context.baseUrl)],
    };
  },
};

export const confirmationSmsTemplate: AppointmentSmsTemplate = {
  name: CONFIRMATION_SMS_TEMPLATE,
  description: 'Rendez-vous : confirmation par SMS',
  channel: 'sms',
  example: exampleAppointment,
  render: (m, context) => ({ text: appointmentSms(m, context.baseUrl, { head: 'RDV confirmé' }) }),
};
