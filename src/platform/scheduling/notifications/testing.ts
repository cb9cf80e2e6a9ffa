/**
 * A strict reader of iCalendar text for tests (no parser is installed): checks the RFC 5545 framing
 * (CRLF line ends, content lines folded at 75 octets, BEGIN/END nesting) and returns the components
 * with their unfolded, unescaped properties.
 */
export type IcsComponent = {
  name: string;
  properties: { name: string; params: Record<string, string>; value: string }[];
  components: IcsComponent[];
};

export function readIcs(text: string): IcsComponent {
  if (!text.endsWith('\r\n')) throw new Error('the last line must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    if (line.includes('\n') || line.includes('\r'))
      throw new Error(`bare LF or CR in ${JSON.stringify(line)}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${line}`);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const root: IcsComponent = { name: '', properties: [], components: [] };
  const stack = [root];
  for (const line of lines) {
    const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:,"]*))*):(.*)$/.exec(line);
    if (!match) throw new Error(`not a content line: ${line}`);
    const [, name, paramText, raw] = match;
    const top = stack.at(-1)!;
    if (name!.toUpperCase() === 'BEGIN') {
      const component = { name: raw!, properties: [], components: [] };
      top.components.push(component);
      stack.push(component);
      continue;
    }
    if (name!.toUpperCase() === 'END') {
      if (top.name !== raw) throw new Error(`END:${raw} closes ${top.name}`);
      stack.pop();
      continue;
    }
    const params: Record<string, string> = {};
    for (const p of paramText!.matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;:,"]*)/g)) {
      params[p[1]!.toUpperCase()] = p[2]!.replace(/^"|"$/g, '');
    }
    const value = raw!.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    top.properties.push({ name: name!.toUpperCase(), params, value });
  }
  if (stack.length !== 1) throw new Error(`${stack.at(-1)!.name} not closed`);
  if (root.components.length !== 1 || root.components[0]!.name !== 'VCALENDAR')
    throw new Error('not one VCALENDAR');
  return root.components[0]!;
}

/** The value of a component's property (the first of that name). */
export function prop(component: IcsComponent, name: string): string | undefined {
  return component.properties.find((p) => p.name === name)?.value;
}

export function param(component: IcsComponent, name: string, parameter: string): string | undefined {
  return component.properties.find((p) => p.name === name)?.params[parameter];
}

export function events(calendar: IcsComponent): IcsComponent[] {
  return calendar.components.filter((c) => c.name === 'VEVENT');
}
