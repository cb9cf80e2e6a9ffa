import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a WAV the way media players expect: `Accept-Ranges: bytes` and 206 answers to a single byte
 * range (Safari's <audio> will not play a file from a server that ignores Range).
 */
export function sendWav(
  request: FastifyRequest,
  reply: FastifyReply,
  wav: Buffer,
  options: { filename: string; cacheControl: string },
) {
  reply
    .header('content-type', 'audio/wav')
    .header('accept-ranges', 'bytes')
    .header('cache-control', options.cacheControl)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(options.filename)}`);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range || (range[1] === '' && range[2] === '')) return reply.send(wav);
  const size = wav.length;
  // « bytes=-500 » is the last 500 bytes; « bytes=100- » runs to the end.
  const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  if (start > end || start >= size) {
    return reply.code(416).header('content-range', `bytes */${size}`).send();
  }
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .send(wav.subarray(start, end + 1));
}
