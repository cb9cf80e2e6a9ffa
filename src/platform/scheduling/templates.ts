import type { AnyTemplate } from '../messaging/templates.ts';

/** The booking engine's messages: confirmation, change, cancellation, reminder (email with .ics, SMS). */
export const schedulingTemplates: AnyTemplate[] = [];
