import { recordAudit } from '../audit/audit.ts';
import { can } from '../auth/permissions.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { Caller } from '../tenancy/caller.ts';
import type { Channel } from './channels.ts';
import { type RenderedMessage, renderStoredMessage } from './render.ts';
import { previewSmsSend, type SmsSendPreview } from './sms/encoding.ts';
import type { RenderContext, TemplateRegistry } from './templates.ts';

export type TemplatePreview = {
  name: string;
  description: string;
  channel: Channel;
  /** Emails only: essential mail carries no List-Unsubscribe. */
  essential: boolean | null;
  rendered: RenderedMessage;
  /** SMS only: the text as sent, its encoding and the segments it costs. */
  sms: SmsSendPreview | null;
};

/**
 * Every registered template (the platform's and the enabled modules'), rendered with its example data
 * and the agent's territory, for admins to proofread before anything is sent. Anyone else is answered
 * "not found", audited, like the other pages they may not see.
 */
export async function previewTemplates(
  db: Db,
  caller: Caller,
  templates: Pick<TemplateRegistry, 'all' | 'find'>,
  context: RenderContext,
): Promise<TemplatePreview[]> {
  if (!can(caller.actor, 'message.previewTemplates')) {
    await recordAudit(db, caller.audit, { action: 'denied', resourceType: 'message_templates' });
    throw notFound();
  }
  return templates
    .all()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((template) => {
      const rendered = renderStoredMessage(
        templates,
        { channel: template.channel, template: template.name, data: template.example },
        context,
      );
      return {
        name: template.name,
        description: template.description,
        channel: template.channel,
        essential: template.channel === 'email' ? template.essential : null,
        rendered,
        sms:
          rendered.channel === 'sms' && 'content' in rendered
            ? previewSmsSend(rendered.content.text, 1)
            : null,
      };
    });
}
