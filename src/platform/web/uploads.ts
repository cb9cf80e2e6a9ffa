import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** A file posted in a multipart form, read into memory up to the scope's limit. */
export type UploadedFile = {
  filename: string;
  /** The type the browser announced: chosen by the sender, so never a proof of the content. */
  declaredType: string;
  data: Buffer;
  /** True when the file was longer than the limit: `data` then holds only its beginning. */
  tooLarge: boolean;
};

/**
 * Lets the routes of one encapsulated scope (and only them) receive multipart/form-data forms; the
 * rest of the app still answers 415 to multipart. Register it inside `app.register(async (scope) => …)`.
 *
 * Fields and files land in `request.body` as for an url-encoded form (`attachFieldsToBody:
 * 'keyValues'`, parsed in preValidation), so the global CSRF preHandler of plugin.tsx finds `_csrf`
 * where it always looks and refuses a form without it (403) before the handler runs. Each file is an
 * UploadedFile. A file is kept up to `maxFileBytes` and the rest of it is read and dropped, so that a
 * file a little too large gets a message on its field (not an error page); a request that announces
 * more than `maxRequestBytes` is refused (413) before anything is read.
 */
export async function acceptUploads(
  scope: FastifyInstance,
  options: { maxFileBytes: number; maxRequestBytes?: number },
): Promise<void> {
  const maxRequestBytes = options.maxRequestBytes ?? 10 * 1024 * 1024;
  scope.addHook('onRequest', async (request) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (request.headers['content-type']?.startsWith('multipart/') && length > maxRequestBytes) {
      throw Object.assign(new Error('multipart request too large'), { statusCode: 413 });
    }
  });
  await scope.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: options.maxFileBytes, files: 1, fields: 10, fieldSize: 1000, parts: 11 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const file: UploadedFile = {
        filename: part.filename,
        declaredType: part.mimetype,
        data: Buffer.concat(chunks),
        tooLarge: part.file.truncated,
      };
      // With 'keyValues', a part's `value` is what request.body holds for its field.
      (part as MultipartFile & { value: UploadedFile }).value = file;
    },
  });
}

/** The uploaded file of a form field, if the body holds one there. */
export function uploadedFile(body: unknown, field: string): UploadedFile | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[field];
  return value && typeof value === 'object' && 'data' in value && Buffer.isBuffer(value.data)
    ? (value as UploadedFile)
    : undefined;
}
