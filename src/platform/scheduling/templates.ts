import type { AnyTemplate } from '../messaging/templates.ts';
import { cancellationEmailTemplate, cancellationSmsTemplate } from './notifications/cancellation.template.ts';
import { changeEmailTemplate, changeSmsTemplate } from './notifications/change.template.ts';
import { confirmationEmailTemplate, confirmationSmsTemplate } from './notifications/confirmation.template.ts';
import { reminderEmailTemplate, reminderSmsTemplate } from './notifications/reminder.template.ts';

/** The booking engine's messages: confirmation, change, cancellation, reminder (email with .ics, SMS). */
export const schedulingTemplates: AnyTemplate[] = [
  confirmationEmailTemplate,
  confirmationSmsTemplate,
  changeEmailTemplate,
  changeSmsTemplate,
  cancellationEmailTemplate,
  cancellationSmsTemplate,
  reminderEmailTemplate,
  reminderSmsTemplate,
];
