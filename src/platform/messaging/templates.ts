/**
 * Message templates. Each module keeps its templates in its own files and lists them in its
 * TremplinModule; the platform keeps the registry. Templates are plain functions of their data and
 * of the territory: the same template renders in the request (to check it and count SMS segments)
 * and in the worker that sends it.
 */
export type RenderContext = { territoryName: string | null; baseUrl: string };

export type EmailAttachment = { filename: string; content: Buffer | string; contentType: string };
export type EmailContent = { subject: string; text: string; html?: string; attachments?: EmailAttachment[] };
export type SmsContent = { text: string };
/** A letter's body; the address block and the sender come from the message and its organisation. */
export type LetterContent = { subject: string; paragraphs: string[]; signature?: string };

type Base<Data> = { name: string; description: string; example: Data };
export type MessageTemplate<Data = Record<string, unknown>> =
  | (Base<Data> & {
      channel: 'email';
      /** Essential mail (sign-in, appointment) carries no List-Unsubscribe; the rest does. */
      essential: boolean;
      render(data: Data, context: RenderContext): EmailContent;
    })
  | (Base<Data> & { channel: 'sms'; render(data: Data, context: RenderContext): SmsContent })
  | (Base<Data> & { channel: 'letter'; render(data: Data, context: RenderContext): LetterContent });

/** Any template, whatever its data: what registries and module lists hold. */
// biome-ignore lint/suspicious/noExplicitAny: each template checks its own data type; a list mixes them
export type AnyTemplate = MessageTemplate<any>;

export class TemplateRegistry {
  readonly #templates = new Map<string, MessageTemplate>();

  register(...templates: AnyTemplate[]): void {
    for (const template of templates) {
      if (this.#templates.has(template.name)) throw new Error(`template ${template.name} registered twice`);
      this.#templates.set(template.name, template);
    }
  }

  get(name: string): MessageTemplate {
    const template = this.#templates.get(name);
    if (!template) throw new Error(`unknown message template ${name}`);
    return template;
  }

  /** The template of that name, if registered (pages showing old messages use this, not get). */
  find(name: string): MessageTemplate | undefined {
    return this.#templates.get(name);
  }

  all(): MessageTemplate[] {
    return [...this.#templates.values()];
  }
}
