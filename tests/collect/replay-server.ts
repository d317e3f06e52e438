// A local stand-in for a Discourse forum: node:http on port 0 answering from the recorded
// responses in tests/fixtures/discourse-api, plus faults a test queues for one request
// (429 with Retry-After, 5xx, a request never answered, a connection dropped mid-body, a
// redirect, a body of a given size). With a base path it plays a forum served under that path.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { ReplayForum } from '../support/replay-forum.ts';

export const fixtures = join(import.meta.dirname, '../fixtures/discourse-api');

type Fault =
  | { status: 429; retryAfter: () => string }
  | { status: 403 | 404 | 500 | 502 | 503 }
  | { hang: true }
  | { drop: true }
  | { html: string }
  | { redirect: string }
  /** A JSON string body of about `bytes` bytes, with or without Content-Length. */
  | { bytes: number; contentLength: boolean };

export interface ReplayServer {
  url: string;
  /** Every request as path + query, in order. */
  log: string[];
  headers: IncomingHttpHeaders[];
  /** Queue faults for the next requests of `key` (a path, or path + query). */
  fail(key: string, ...faults: Fault[]): void;
  /** Answer `key` (path + query) with `body` from now on, instead of the fixture. */
  replace(key: string, body: unknown): void;
  close(): Promise<void>;
}

/** With `forum`, a generated forum answers instead of the recorded fixtures (e.g. the bench's 60 topics). */
export async function startReplayServer(basePath = '', forum?: ReplayForum): Promise<ReplayServer> {
  const log: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const faults = new Map<string, Fault[]>();
  const replaced = new Map<string, unknown>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay');
    log.push(decodeURIComponent(`${url.pathname}${url.search}`));
    headers.push(req.headers);
    if (!url.pathname.startsWith(`${basePath}/`)) return void send(res, 404, { errors: ['Not under the forum.'] });
    url.pathname = url.pathname.slice(basePath.length);
    const key = `${url.pathname}${url.search}`;
    const queue = faults.get(key) ?? faults.get(url.pathname);
    const fault = queue?.shift();
    if (fault) return void inject(fault, res);
    const body = replaced.get(key) ?? (forum ? forum.answer(url) : answer(url));
    if (body === undefined)
      return void send(res, 404, {
        errors: ['The requested URL or resource could not be found.'],
        error_type: 'not_found',
      });
    send(res, 200, underBasePath(body, basePath));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    log,
    headers,
    fail: (key, ...f) => faults.set(key, [...(faults.get(key) ?? []), ...f]),
    replace: (k, body) => replaced.set(k, body),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

/** The fixture for a request: listing pages by ?page=N, posts.json filtered by post_ids[] as Discourse does. */
function answer(url: URL): unknown {
  const page = url.searchParams.get('page');
  const file = page && page !== '0' ? url.pathname.replace(/\.json$/, `.page-${page}.json`) : url.pathname;
  if (!url.pathname.endsWith('/posts.json')) return read(file);
  // Any of the topic's posts, by id; ids it does not have are left out, as Discourse does.
  const all = (read(file) ?? read(url.pathname.replace(/\/posts\.json$/, '.json'))) as
    | { post_stream: { posts: { id: number }[] }; id: number }
    | undefined;
  if (!all) return undefined;
  const ids = new Set(url.searchParams.getAll('post_ids[]').map(Number));
  return { post_stream: { posts: all.post_stream.posts.filter((p) => ids.has(p.id)) }, id: all.id };
}

/** A forum under a path links its listing pages under that path too, as Discourse does. */
function underBasePath(body: unknown, basePath: string): unknown {
  const list = (body as { topic_list?: { more_topics_url?: unknown } }).topic_list;
  if (!basePath || typeof list?.more_topics_url !== 'string') return body;
  return { ...(body as object), topic_list: { ...list, more_topics_url: `${basePath}${list.more_topics_url}` } };
}

function read(path: string): unknown {
  try {
    return JSON.parse(readFileSync(join(fixtures, path), 'utf8'));
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function inject(fault: Fault, res: ServerResponse): void {
  if ('hang' in fault) return; // never answered: the client's timeout must end it
  if ('redirect' in fault) {
    res.writeHead(302, { location: fault.redirect });
    return void res.end();
  }
  if ('bytes' in fault) {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(fault.contentLength ? { 'content-length': fault.bytes } : {}),
    });
    const chunk = 'x'.repeat(1 << 20);
    res.write('"');
    for (let sent = 2; sent < fault.bytes; sent += chunk.length)
      res.write(chunk.slice(0, Math.min(chunk.length, fault.bytes - sent)));
    return void res.end('"');
  }
  if ('html' in fault) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void res.end(fault.html);
  }
  if ('drop' in fault) {
    // Headers promise a long body; half a JSON document arrives, then the connection dies.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
    res.write('{"post_stream": {"posts": [');
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  if (fault.status === 429) {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': fault.retryAfter() });
    return void res.end(
      JSON.stringify({
        errors: ["You've performed this action too many times. Please wait a few seconds before trying again."],
        error_type: 'rate_limit',
      }),
    );
  }
  send(res, fault.status, { errors: ['Oops'] });
}
