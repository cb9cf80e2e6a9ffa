import { appointmentLines } from './confirmation.template.ts';
import {
  type AppointmentEmailTemplate,
  type AppointmentSmsTemplate,
  exampleAppointment,
  formatWhen,
  greeting,
  manageLines,
  signature,
} from './message.ts';
import { appointmentSms, smsWhen } from './sms-text.ts';

export const REMINDER_EMAIL_TEMPLATE = 'scheduling.reminder-email';
export const REMINDER_SMS_TEMPLATE = 'scheduling.reminder-sms';

/** Sent about 48 h before (reminders.job.ts); no .ics: the confirmation already carried it. */
export const reminderEmailTemplate: AppointmentEmailTemplate = {
  name: REMINDER_EMAIL_TEMPLATE,
  description: 'Rendez-vous : rappel par courriel 48 h avant',
  channel: 'email',
  essential: true,
  example: exampleAppointment,
  render(m, context) {
    const text = [
      greeting(m),
      '',
      `Nous vous rappelons votre rendez-vous du ${formatWhen(m.startsAt)}.`,
      '',
      ...appointmentLines(m),
      '',
      ...manageLines(m, context.baseUrl),
      '',
      'Si vous ne pouvez pas venir, prévenez-nous : la place servira à quelqu’un d’autre.',
      '',
      signature(m, context.territoryName),
    ].join('\n');
    return { subject: `Rappel : rendez-vous le ${formatWhen(m.startsAt)}`, text };
  },
};

export const reminderSmsTemplate: AppointmentSmsTemplate = {
  name: REMINDER_SMS_TEMPLATE,
  description: 'Rendez-vous : rappel par SMS 48 h avant',
  channel: 'sms',
  example: exampleAppointment,
  render: (m, context) => ({
    text: appointmentSms(m, context.baseUrl, {
      head: 'Rappel RDV',
      when: `le ${smsWhen(m.startsAt)}`,
      link: true,
    }),
  }),
};
