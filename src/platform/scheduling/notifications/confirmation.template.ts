import { invitationAttachment } from './ics.ts';
import {
  type AppointmentEmailTemplate,
  type AppointmentMessage,
  type AppointmentSmsTemplate,
  exampleAppointment,
  formatDuration,
  formatWhen,
  greeting,
  manageLines,
  signature,
  whereLines,
} from './message.ts';
import { appointmentSms, smsWhen } from './sms-text.ts';

export const CONFIRMATION_EMAIL_TEMPLATE = 'scheduling.confirmation-email';
export const CONFIRMATION_SMS_TEMPLATE = 'scheduling.confirmation-sms';

/** What, when, where or how, and what to bring: the body shared by confirmations and reminders. */
export function appointmentLines(m: AppointmentMessage): string[] {
  return [
    `Quoi : ${m.typeName} (${formatDuration(m.durationMinutes)})`,
    `Quand : ${formatWhen(m.startsAt)}`,
    ...whereLines(m),
    `Avec : ${m.organisationName}`,
    ...(m.instructions ? ['', `À savoir : ${m.instructions}`] : []),
  ];
}

/** The confirmation email, with the appointment as an .ics invitation. Essential: no unsubscribe. */
export const confirmationEmailTemplate: AppointmentEmailTemplate = {
  name: CONFIRMATION_EMAIL_TEMPLATE,
  description: 'Rendez-vous : confirmation par courriel (avec le fichier agenda .ics)',
  channel: 'email',
  essential: true,
  example: exampleAppointment,
  render(m, context) {
    const text = [
      greeting(m),
      '',
      'Votre rendez-vous est confirmé.',
      '',
      ...appointmentLines(m),
      '',
      ...manageLines(m, context.baseUrl),
      '',
      'Le fichier joint (rendez-vous.ics) ajoute ce rendez-vous à votre agenda.',
      'Si vous ne pouvez pas venir, prévenez-nous : la place servira à quelqu’un d’autre.',
      '',
      signature(m, context.territoryName),
    ].join('\n');
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
  render: (m, context) => ({
    text: appointmentSms(m, context.baseUrl, {
      head: 'RDV confirmé',
      when: `le ${smsWhen(m.startsAt)}`,
      link: true,
    }),
  }),
};
