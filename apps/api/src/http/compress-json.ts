import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { acceptedEncodings } from './web-app.ts';

const gzipAsync = promisify(gzip);
const threshold = 1024; // below this, gzip's header and the time spent outweigh the bytes saved

/**
 * Gzips JSON answers of 1 kB or more for a client that takes gzip (a 100-unit adjudication page of
 * 66 kB goes out as about 10 kB), on libuv's thread pool so the request thread stays free. Only
 * JSON: it is already whole in memory, while streamed downloads (CSV exports) keep streaming.
 */
export const compressJson: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  if (!res.headers.get('content-type')?.startsWith('application/json') || res.headers.has('content-encoding')) return;
  res.headers.append('Vary', 'Accept-Encoding');
  if (!acceptedEncodings(c.req.header('accept-encoding')).has('gzip')) return;
  const body = Buffer.from(await res.arrayBuffer());
  const compressed = body.length >= threshold;
  const sent = compressed ? await gzipAsync(body) : body;
  const headers = new Headers(res.headers);
  if (compressed) headers.set('Content-Encoding', 'gzip');
  headers.set('Content-Length', String(sent.length));
  c.res = new Response(new Uint8Array(sent), { status: res.status, statusText: res.statusText, headers });
};
