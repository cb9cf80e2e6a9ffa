import type { OutboxMessage } from './channels.ts';
import type {
  EmailContent,
  LetterContent,
  RenderContext,
  SmsContent,
  TemplateRegistry,
} from './templates.ts';

/** A stored message rendered from its template and data, or why it could not be. */
export type RenderedMessage =
  | { channel: 'email'; essential: boolean; content: EmailContent }
  | { channel: 'sms'; content: SmsContent }
  | { channel: 'letter'; content: LetterContent }
  | { channel: OutboxMessage['channel']; error: string };

/**
 * Renders a message as its worker does, for the pages that show it (development outbox, previews)
 * and for tests. Never throws: a template that is no longer registered (its module switched off) or
 * that fails on old data gives a readable reason instead, so one bad row cannot break a page.
 */
export function renderStoredMessage(
  templates: Pick<TemplateRegistry, 'find'>,
  message: Pick<OutboxMessage, 'channel' | 'template' | 'data'>,
  context: RenderContext,
): RenderedMessage {
  const template = templates.find(message.template);
  if (!template) return { channel: message.channel, error: `modèle inconnu : ${message.template}` };
  try {
    switch (template.channel) {
      case 'email':
        return {
          channel: 'email',
          essential: template.essential,
          content: template.render(message.data, context),
        };
      case 'sms':
        return { channel: 'sms', content: template.render(message.data, context) };
      case 'letter':
        return { channel: 'letter', content: template.render(message.data, context) };
    }
  } catch (error) {
    return { channel: message.channel, error: `rendu impossible : ${(error as Error).message}` };
  }
}
