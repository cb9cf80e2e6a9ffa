import type { AnyTemplate } from '../../../platform/messaging/templates.ts';

// Being written (issue 5): invitation, reminder and convocation messages.
export const invitationTemplates: AnyTemplate[] = [];
