import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

const tooLarge = (maxBytes: number) => new AppError('request.too_large', 413, `The request body is larger than ${maxBytes / (1024 * 1024)} MB.`);
const cutShort = () => new AppError('request.incomplete', 400, 'The request body ended before it was complete.');

/** Collects Node's request stream, refusing it once it passes `maxBytes`. */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // The rest is left unread: the adapter drains or drops it once the 413 is sent.
        stop();
        reject(tooLarge(maxBytes));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => {
      stop();
      reject(cutShort());
    };
    const onClose = () => {
      if (!incoming.complete) onError();
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Collects a Web body stream (requests that did not come through Node's server, as in tests). */
async function readWebBody(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
}

const asArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/**
 * Serves a request body from Hono's body cache, read whole, up to `maxBytes` (413 past it,
 * whether the length is declared or streamed). Read straight from Node's request stream, it
 * spares the per-request Web Request and ReadableStream the adapter would otherwise build: on
 * the coding save path that was a fifth of the server's CPU. The body is read only when a
 * validator or handler first asks for it, so a request that the session and role checks refuse
 * before then is never buffered.
 */
export function readBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming; // set by @hono/node-server
    const web = incoming ? null : c.req.raw.body;
    if (!incoming && !web) return next();
    let bytes: Promise<Buffer> | undefined;
    const read = () => (bytes ??= incoming ? readIncoming(incoming, maxBytes) : readWebBody(web!, maxBytes));
    let text: Promise<string> | undefined;
    let buffer: Promise<ArrayBuffer> | undefined;
    // Hono keeps promises in its body cache, whatever its type says, and reads them by key.
    Object.defineProperties(c.req.bodyCache, {
      text: { enumerable: true, get: () => (text ??= read().then((b) => new TextDecoder().decode(b))) },
      arrayBuffer: { enumerable: true, get: () => (buffer ??= read().then(asArrayBuffer)) },
    });
    await next();
  };
}
