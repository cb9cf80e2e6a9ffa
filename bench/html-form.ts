/** Just enough HTML reading to post a server-rendered form as a browser would. */
export type ParsedForm = { action: string; fields: Record<string, string> };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return value ? decodeEntities(value[1] ?? value[2] ?? '') : undefined;
}

/** The first POST form whose markup contains `marker` (a button label, a field name), with its hidden fields. */
export function findForm(html: string, marker: string, pageUrl: string): ParsedForm | undefined {
  for (const match of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const markup = match[0];
    if (!markup.includes(marker)) continue;
    const open = /<form\b[^>]*>/i.exec(markup)![0];
    if ((attribute(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields: Record<string, string> = {};
    for (const input of markup.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], 'name');
      if (name && attribute(input[0], 'type') === 'hidden') fields[name] = attribute(input[0], 'value') ?? '';
    }
    return { action: new URL(attribute(open, 'action') || pageUrl, pageUrl).toString(), fields };
  }
  return undefined;
}
