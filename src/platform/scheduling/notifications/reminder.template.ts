import {
  type AppointmentEmailTemplate,
  type AppointmentSmsTemplate,
  appointmentEmailText,
  exampleAppointment,
  formatWhen,
} from './message.ts';
import { appointmentSms } from './sms-text.ts';

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
    const text = appointmentEmailText(m, context, {
      intro: [`Nous vous rappelons votre rendez-vous du ${formatWhen(m.startsAt)}.`],
      closing: ['Si vous ne pouvez pas venir, prévenez-nous : la place servira à quelqu’un d’autre.'],
    });
    return { subject: `Rappel : rendez-vous le ${formatWhen(m.startsAt)}`, text };
  },
};

export const reminderSmsTemplate: AppointmentSmsTemplate = {
  name: REMINDER_SMS_TEMPLATE,
  description: 'Rendez-vous : rappel par SMS 48 h avant',
  channel: 'sms',
  example: exampleAppointment,
  render: (m, context) => ({ text: appointmentSms(m, context.baseUrl, { head: 'Rappel RDV' }) }),
};
