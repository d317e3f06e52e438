import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './env.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** One file of the build with its precompressed variants (written by apps/web/build/precompress.ts). */
interface BuiltFile {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
  /** None for a page made per request (index.html with preloads): only its content (etag) tells its copies apart. */
  lastModified?: string;
}

function loadFile(path: string): BuiltFile {
  const stat = statSync(path);
  const variant = (suffix: string) => (existsSync(path + suffix) ? readFileSync(path + suffix) : undefined);
  return {
    body: readFileSync(path),
    br: variant('.br'),
    gzip: variant('.gz'),
    type: types[extname(path)] ?? 'application/octet-stream',
    etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
    lastModified: stat.mtime.toUTCString(),
  };
}

/** The build's files by URL path (`/assets/index-abc.js`), read once: the build does not change under a running server. */
function loadDist(distDir: string): Map<string, BuiltFile> {
  const files = new Map<string, BuiltFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.br') && !name.endsWith('.gz'))
        files.set(`/${relative(distDir, path).split(sep).join('/')}`, loadFile(path));
    }
  };
  walk(distDir);
  return files;
}

/** The encodings the client accepts (q > 0), e.g. `gzip, deflate, br;q=0.9` → {gzip, deflate, br}. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

function isFresh(c: Context<AppEnv>, file: BuiltFile): boolean {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag);
  const since = c.req.header('if-modified-since');
  return since !== undefined && file.lastModified !== undefined && Date.parse(since) >= Date.parse(file.lastModified);
}

/** Sends `file` brotli- or gzip-compressed when the client takes it, or 304 when its copy is current. */
function send(c: Context<AppEnv>, file: BuiltFile, cacheControl: string, vary = 'Accept-Encoding'): Response {
  c.header('Cache-Control', cacheControl);
  c.header('Vary', vary);
  c.header('ETag', file.etag);
  if (file.lastModified) c.header('Last-Modified', file.lastModified);
  if (isFresh(c, file)) return c.body(null, 304);
  const accepted = acceptedEncodings(c.req.header('accept-encoding'));
  const [encoding, body] =
    file.br && accepted.has('br')
      ? ['br', file.br]
      : file.gzip && accepted.has('gzip')
        ? ['gzip', file.gzip]
        : [undefined, file.body];
  if (encoding) c.header('Content-Encoding', encoding);
  c.header('Content-Type', file.type);
  c.header('Content-Length', String(body.length));
  return c.body(new Uint8Array(body), 200);
}

const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** index.html with a preload (`as="fetch"`, as the session's) of each API address, tagged by its own content. */
function withPreloads(index: BuiltFile, addresses: readonly string[]): BuiltFile {
  const links = addresses.map(
    (a) => `<link rel="preload" href="${attribute(a)}" as="fetch" crossorigin="anonymous" />`,
  );
  const body = Buffer.from(index.body.toString('utf8').replace('</head>', `${links.join('')}</head>`));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type: index.type, etag };
}

/**
 * Serves the built web app from `distDir`; any other non-API GET gets index.html (client-side routes).
 * Files under /assets/ carry a content hash in their name, so browsers keep them for a year without asking;
 * index.html is revalidated on each visit (a 304 when unchanged), so a new build is picked up at once.
 * `preloads` names the API answers the opened page waits on first (http/page-preloads.ts); index.html
 * then preloads them for this user alone.
 */
export function serveWebApp(
  app: Hono<AppEnv>,
  distDir: string,
  preloads: (c: Context<AppEnv>) => readonly string[] = () => [],
): void {
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error(`The web app is not built (${join(distDir, 'index.html')} is missing). Run npm run build.`);
  const files = loadDist(distDir);
  const index = files.get('/index.html')!;
  app.get('/assets/*', (c) => {
    const file = files.get(c.req.path);
    if (!file) return c.text(`No file ${c.req.path} in this build.`, 404);
    return send(c, file, 'public, max-age=31536000, immutable');
  });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    // Which index.html a page gets depends on the session cookie: caches must key it by the cookie too.
    const addresses = preloads(c);
    if (addresses.length === 0) return send(c, index, 'no-cache', 'Accept-Encoding, Cookie');
    return send(c, withPreloads(index, addresses), 'private, no-cache', 'Accept-Encoding, Cookie');
  });
}
