import type { FastifyInstance } from 'fastify';

/**
 * Posts a form the way a browser does: loads the page that holds it first, to get the CSRF cookie
 * and token, then sends the fields url-encoded. Returns the response and the cookies to keep.
 */
export async function submitForm(
  app: FastifyInstance,
  options: { page: string; action?: string; fields: Record<string, string>; cookie?: string },
) {
  const pageResponse = await app.inject({
    method: 'GET',
    url: options.page,
    headers: cookieHeader(options.cookie),
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(pageResponse.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${pageResponse.statusCode})`);
  const cookie = mergeCookies(options.cookie, pageResponse.headers['set-cookie']);
  const response = await app.inject({
    method: 'POST',
    url: options.action ?? options.page,
    headers: { ...cookieHeader(cookie), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, ...options.fields }).toString(),
  });
  return { response, cookie: mergeCookies(cookie, response.headers['set-cookie']) };
}

export type TestFile = { filename: string; type: string; data: Buffer };

/**
 * Posts a form with a file the way a browser does (multipart/form-data), after loading its page for
 * the CSRF cookie and token. `csrf: false` leaves the token out, to check that the form is refused.
 */
export async function submitMultipartForm(
  app: FastifyInstance,
  options: {
    page: string;
    action: string;
    fields?: Record<string, string>;
    files: Record<string, TestFile>;
    cookie?: string;
    csrf?: boolean;
  },
) {
  const pageResponse = await app.inject({
    method: 'GET',
    url: options.page,
    headers: cookieHeader(options.cookie),
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(pageResponse.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${options.page} (status ${pageResponse.statusCode})`);
  const cookie = mergeCookies(options.cookie, pageResponse.headers['set-cookie']);
  const fields = { ...(options.csrf === false ? {} : { _csrf: token }), ...options.fields };
  const { body, contentType } = multipartBody(fields, options.files);
  const response = await app.inject({
    method: 'POST',
    url: options.action,
    headers: { ...cookieHeader(cookie), 'content-type': contentType },
    payload: body,
  });
  return { response, cookie: mergeCookies(cookie, response.headers['set-cookie']) };
}

/** A multipart/form-data body, as a browser encodes it (fields first, then the files). */
export function multipartBody(
  fields: Record<string, string>,
  files: Record<string, TestFile>,
): { body: Buffer; contentType: string } {
  const boundary = `----tremplin-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function cookieHeader(cookie: string | undefined): Record<string, string> {
  return cookie ? { cookie } : {};
}

/** Applies Set-Cookie headers to a Cookie header, as a browser would (cleared cookies removed). */
export function mergeCookies(cookie: string | undefined, setCookie: string | string[] | undefined): string {
  const jar = new Map<string, string>();
  for (const part of (cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name) jar.set(name, rest.join('='));
  }
  for (const header of [setCookie ?? []].flat()) {
    const [pair, ...attributes] = header.split(';');
    const [name, ...rest] = pair!.trim().split('=');
    const value = rest.join('=');
    const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
    if (!name) continue;
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
