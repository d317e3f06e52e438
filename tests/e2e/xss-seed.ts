// Plants the XSS payloads through the running server's own API, as a user would: real
// imports (Discourse cooked HTML, Stack Exchange Posts.xml, CSV as HTML and as text), a .qdc
// codebook import, and every free-text field a person types (study, rounds, codes, memos,
// quotes, display names, rationales, keyword groups).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { toQdc, type Codebook } from '@threadcoder/taxonomy';
import { fitting, payloads, type Payload } from './xss-payloads.ts';
import { setupCode } from './demo-server.ts';

export const adminName = 'xss-admin';
export const adminPassword = 'xss admin password';
const userPassword = 'xss user password';

/** A fetch client that keeps its session cookie and sends the app's Origin, as the browser does. */
export class ApiClient {
  private cookie = '';
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown, raw?: { data: string; type: string }): Promise<Response> {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | undefined;
    if (raw) {
      headers['content-type'] = raw.type;
      payload = raw.data;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    const set = res.headers.getSetCookie()[0];
    if (set) this.cookie = set.split(';')[0]!;
    return res;
  }

  /** The JSON answer of a call that must succeed. */
  async ok<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    raw?: { data: string; type: string },
  ): Promise<T> {
    const res = await this.call(method, path, body, raw);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }
}

type Quote = { text: string; start: number; end: number };

/** Each post of a thread unit as a quote (null for an empty or too long one): offsets count code points in the posts' texts joined by a blank line. */
async function unitPostQuotes(client: ApiClient, unitPath: string): Promise<(Quote | null)[]> {
  const { posts } = await client.ok<{ posts: { text: string }[] }>('GET', unitPath);
  let start = 0;
  return posts.map(({ text }) => {
    const length = [...text].length;
    const quote = length > 0 && length <= 5000 ? { text, start, end: start + length } : null;
    start += length + 2;
    return quote;
  });
}

/** How many payloads went into each field (what the report multiplies by pages). */
type PlantedCounts = Record<string, number>;

export interface Seeded {
  studyId: number;
  roundId: number;
  unitIds: number[];
  bigThreadIds: number[];
  sourceIds: number[];
  planted: PlantedCounts;
  importRejections: number;
  /** A lenient import with rejected rows and a strict one that failed, both quoting payloads. */
  badImportIds: number[];
  rejectedUsernames: number;
  /** What the CLI answered to a javascript: base URL (it must refuse it). */
  cliBaseUrl: { code: number | null; stderr: string };
}

const root = resolve(import.meta.dirname, '../..');

/** Runs the threadcoder CLI on the server's database, as an operator would. */
export function runCli(
  dbPath: string,
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/cli.ts'), ...args], {
      cwd: root,
      env: { ...process.env, THREADCODER_DB: dbPath },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
const date = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
// XML 1.0 and CSV text carry no NUL bytes; those payloads go through JSON and the API instead.
const printable = (max = Infinity) => fitting(max, { noControl: true });
// Code names are refused with control characters or line breaks in them (a defence of its own).
const oneLine = (p: Payload) => !/[\u0000-\u001f]/.test(p.text);

function discourseDump(): string {
  const big = {
    id: 900001,
    title: payloads[0]!.text,
    slug: 'javascript:__xss(0)',
    created_at: date(0),
    category_name: payloads[1]!.text,
    tags: [payloads[2]!.text],
    post_stream: {
      posts: payloads.map((p, i) => ({
        id: 910000 + p.id,
        post_number: i + 1,
        username: p.text.slice(0, 100),
        created_at: date(i),
        cooked: p.text,
      })),
    },
  };
  // One small topic per payload: its title, category and tag, for the thread list and facets.
  const small = payloads.map((p) => ({
    id: 920000 + p.id,
    title: p.text,
    created_at: date(p.id),
    category_name: p.text.slice(0, 200),
    tags: [{ name: `t${p.id}` }],
    post_stream: {
      posts: [
        { id: 930000 + p.id, post_number: 1, username: p.text.slice(0, 100), created_at: date(p.id), cooked: p.text },
      ],
    },
  }));
  return [big, ...small].map((t) => JSON.stringify(t)).join('\n');
}

function stackExchangeDump(): string {
  const rows = [
    `<row Id="1" PostTypeId="1" CreationDate="2026-01-01T00:00:00.000" Score="1" Body="${xml(payloads[3]!.text)}" OwnerDisplayName="${xml(payloads[4]!.text)}" Title="${xml(payloads[5]!.text)}" Tags="&lt;xss&gt;" />`,
  ];
  for (const p of printable()) {
    rows.push(
      `<row Id="${100 + p.id}" PostTypeId="2" ParentId="1" CreationDate="${date(p.id).replace('Z', '')}" Score="0" Body="${xml(p.text)}" OwnerDisplayName="${xml(p.text)}" />`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n<posts>\n${rows.join('\n')}\n</posts>\n`;
}

function csvDump(thread: string): string {
  const lines = ['thread_id,post_id,author,created_at,title,body,category,tags'];
  for (const p of printable())
    lines.push(
      [
        thread,
        `${thread}-${p.id}`,
        csvCell(p.text),
        date(p.id),
        csvCell(payloads[6]!.text),
        csvCell(p.text),
        csvCell(payloads[7]!.text),
        'xss',
      ].join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** The codebook as a REFI-QDA .qdc file: every code's name, definition, notes and example are payloads. */
function qdcCodebook(): string {
  const dims = ['challenge', 'benefit'].map((id, position) => ({
    id,
    parentId: null,
    position,
    dimension: id,
    name: id === 'challenge' ? 'Challenge' : 'Benefit',
    definition: '',
    includeNote: '',
    excludeNote: '',
    examples: [],
    color: null,
    shortcut: null,
    status: 'active' as const,
    codable: false,
  }));
  const codes = payloads.map((p, i) => ({
    id: `c${p.id}`,
    parentId: i % 2 ? 'benefit' : 'challenge',
    position: i,
    dimension: i % 2 ? 'benefit' : 'challenge',
    name: oneLine(p) ? p.text.slice(0, 200) : `code ${p.id}`,
    definition: p.text,
    includeNote: p.text,
    excludeNote: p.text,
    examples: [{ quote: p.text }],
    color: null,
    shortcut: null,
    status: 'active' as const,
    codable: true,
  }));
  const codebook: Codebook = {
    name: payloads[8]!.text,
    description: payloads.map((p) => p.text).join('\n'),
    templateId: null,
    version: 1,
    codes: [...dims, ...codes],
  };
  return toQdc(codebook);
}

interface ImportJob {
  id: number;
  status: string;
  sourceId: number;
  report: { rejected: unknown[] } | null;
  error: unknown;
}

/** Uploads a dump as the Sources page does and waits for the import to finish (succeeded or failed). */
async function runImport(
  api: ApiClient,
  source: string,
  format: string,
  data: string,
  type: string,
  extra = '',
): Promise<ImportJob> {
  const q = `source=${encodeURIComponent(source)}&format=${format}${extra.includes('&filename=') ? '' : `&filename=xss.${format === 'stackexchange' ? 'xml' : format === 'discourse' ? 'jsonl' : 'csv'}`}${extra}`;
  const started = await api.ok<{ import: { id: number } }>('POST', `/api/imports?${q}`, undefined, { data, type });
  for (;;) {
    const { import: job } = await api.ok<{ import: ImportJob }>('GET', `/api/imports/${started.import.id}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** CSV rows whose dates are payloads: the import's errors quote them back. */
function badDatesCsv(): string {
  const rows = printable(200)
    .slice(0, 20)
    .map((p) => ['bad', `bad-${p.id}`, 'a', csvCell(p.text), 'T', 'B'].join(','));
  return `thread_id,post_id,author,created_at,title,body\ngood,good-1,a,2026-01-01,T,B\n${rows.join('\n')}\n`;
}

const joined = (list: Payload[], max: number) => {
  let out = '';
  let n = 0;
  for (const p of list) {
    if (out.length + p.text.length + 1 > max) break;
    out += `${p.text}\n`;
    n++;
  }
  return { text: out, n };
};

export async function seedXss(base: string, dbPath: string): Promise<Seeded> {
  const planted: PlantedCounts = {};
  const plant = (field: string, n: number) => (planted[field] = (planted[field] ?? 0) + n);
  const admin = new ApiClient(base);
  const me = await admin.ok<{ user: { id: number } }>('POST', '/api/auth/setup', {
    setupCode,
    username: adminName,
    displayName: payloads[9]!.text,
    password: adminPassword,
  });
  plant('user display name', 1);

  // Accounts: the API refuses a payload as a user name; payloads become display names instead.
  let rejectedUsernames = 0;
  for (const p of payloads.slice(0, 10)) {
    const res = await admin.call('POST', '/api/users', { username: p.text, displayName: 'x', password: userPassword });
    if (res.status === 400) rejectedUsernames++;
  }
  // Every fourth payload: each account costs a deliberately slow password hash (scrypt).
  const named = fitting(100).filter((_, i) => i % 4 === 0);
  const userIds: number[] = [];
  for (let i = 0; i < named.length; i += 4) {
    const batch = named.slice(i, i + 4).map((p) =>
      admin.ok<{ user: { id: number } }>('POST', '/api/users', {
        username: `xss-u${p.id}`,
        displayName: p.text,
        password: userPassword,
      }),
    );
    for (const { user } of await Promise.all(batch)) userIds.push(user.id);
  }
  plant('user display name', userIds.length);
  // The CLI takes any user name: three payloads become user names (and display names) there.
  const cliNamed = [payloads[0]!, payloads[7]!, payloads[58]!];
  const cliRuns = await Promise.all(
    cliNamed.map((p) =>
      runCli(dbPath, ['user', 'add', p.text, '--display-name', p.text, '--password-stdin'], `${userPassword}\n`),
    ),
  );
  for (const r of cliRuns) if (r.code !== 0) throw new Error(`threadcoder user add failed: ${r.stderr}`);
  const cliIds = (await admin.ok<{ users: { id: number; username: string }[] }>('GET', '/api/users')).users
    .filter((u) => cliNamed.some((p) => p.text === u.username))
    .map((u) => u.id);
  userIds.push(...cliIds);
  plant('user name (CLI)', cliIds.length);
  plant('user display name', cliIds.length);
  const cliBaseUrl = await runCli(dbPath, [
    'import',
    '/dev/null',
    '--source',
    'cli',
    '--base-url',
    'javascript:__xss(0)//',
  ]);

  // Imports, each under a payload as its source name.
  let importRejections = 0;
  const sourceIds: number[] = [];
  const imports: [string, string, string, string][] = [
    ['discourse', discourseDump(), 'application/x-ndjson', '&baseUrl=https%3A%2F%2Fforum.example'],
    ['stackexchange', stackExchangeDump(), 'application/xml', ''],
    ['csv', csvDump('html'), 'text/csv', `&mapping=${encodeURIComponent(JSON.stringify({ bodyFormat: 'html' }))}`],
    ['csv', csvDump('text'), 'text/csv', ''],
  ];
  for (const [i, [format, data, type, extra]] of imports.entries()) {
    const job = await runImport(admin, payloads[10 + i]!.text, format, data, type, `&mode=lenient${extra}`);
    if (job.status !== 'succeeded') throw new Error(`The ${format} import failed: ${JSON.stringify(job.error)}`);
    sourceIds.push(job.sourceId);
    importRejections += job.report!.rejected.length;
  }
  // Errors quote the bad values back: a lenient import lists rejected rows, a strict one fails on the first.
  const lenient = await runImport(
    admin,
    payloads[20]!.text,
    'csv',
    badDatesCsv(),
    'text/csv',
    `&mode=lenient&filename=${encodeURIComponent(payloads[16]!.text)}`,
  );
  const strict = await runImport(
    admin,
    payloads[22]!.text,
    'csv',
    badDatesCsv(),
    'text/csv',
    `&mode=strict&filename=${encodeURIComponent(payloads[7]!.text)}`,
  );
  if (lenient.status !== 'succeeded' || strict.status !== 'failed')
    throw new Error(
      `Expected the bad-dates imports to succeed leniently and fail strictly: ${lenient.status}, ${strict.status}`,
    );
  plant('source name', imports.length + 2);
  plant('upload file name', 2);
  plant('rejected value in import errors', lenient.report!.rejected.length + 1);
  plant('post body (Discourse cooked)', payloads.length * 2);
  plant('post author', payloads.length * 2 + printable().length * 3 + 1);
  plant('thread title', payloads.length + 1 + 1 + 2);
  plant('thread category', payloads.length + 3);
  plant('post body (Stack Exchange)', printable().length + 1);
  plant('post body (CSV html)', printable().length);
  plant('post body (CSV text)', printable().length);

  // Extra studies: their names fill the Studies page.
  for (const p of fitting(200).slice(1))
    await admin.ok('POST', '/api/studies', { name: p.text, description: p.text, templateId: null });
  const description = joined(payloads, 5000);
  const { study } = await admin.ok<{ study: { id: number } }>('POST', '/api/studies', {
    name: payloads[0]!.text,
    description: description.text,
    unitKind: 'thread',
    templateId: null,
  });
  plant('study name', fitting(200).length);
  plant('study description', description.n + fitting(200).length - 1);
  const s = `/api/studies/${study.id}`;

  await admin.ok('POST', `${s}/codebook`, {
    source: 'import',
    format: 'qdc',
    text: qdcCodebook(),
    filename: `${payloads[11]!.text.slice(0, 200)}.qdc`,
  });
  plant('code name (.qdc)', payloads.filter(oneLine).length);
  plant('code definition/notes/example (.qdc)', payloads.length * 4);
  plant('codebook name (.qdc file name) and description', 1 + payloads.length);
  let version = (await admin.ok<{ latestVersion: number }>('GET', `${s}/codebook`)).latestVersion;
  for (const p of fitting(200).filter(oneLine).slice(0, 5)) {
    await admin.ok('POST', `${s}/codebook/versions`, {
      op: 'add',
      baseVersion: version,
      why: p.text,
      code: {
        id: `e${p.id}`,
        parentId: 'challenge',
        name: `${p.text} (edited)`,
        definition: p.text,
        examples: [{ quote: p.text }],
      },
    });
    version++;
  }
  plant('code name (edit)', 5);
  plant('edit reason', 5);
  await admin.ok('POST', `${s}/codebook/upgrade`, { toVersion: version });

  // Members: the admin codes and adjudicates; every payload-named user is a coder (only u1 gets units).
  const u1 = userIds[0]!;
  for (const [userId, role] of [
    [me.user.id, 'coder'],
    [me.user.id, 'adjudicator'],
    ...userIds.map((id) => [id, 'coder']),
  ] as [number, string][]) {
    await admin.ok('POST', `${s}/members`, { userId, role });
  }

  // The four big threads (one per import) are the units: each shows every payload post at once.
  const bigThreadIds: number[] = [];
  for (const sourceId of sourceIds) {
    const { threads } = await admin.ok<{ threads: { id: number; posts: number }[] }>(
      'GET',
      `/api/threads?source=${sourceId}&limit=200`,
    );
    bigThreadIds.push([...threads].sort((a, b) => b.posts - a.posts)[0]!.id);
  }
  await admin.ok('POST', `${s}/threads`, { action: 'add', rule: { kind: 'pick', threadIds: bigThreadIds } });
  const { round } = await admin.ok<{ round: { id: number } }>('POST', `${s}/rounds`, {
    name: payloads[12]!.text,
    kind: 'calibration',
  });
  plant('round name', 1);
  await admin.ok('POST', `${s}/sampling/draw`, {
    roundId: round.id,
    size: bigThreadIds.length,
    seed: payloads[13]!.text.slice(0, 100),
    overlap: 1,
    coderIds: [me.user.id, u1],
  });
  plant('sample seed', 1);

  // Codings: the admin and one payload-named coder disagree on every unit; memos and quotes are payloads.
  const coder = new ApiClient(base);
  await coder.ok('POST', '/api/auth/login', { username: `xss-u${named[0]!.id}`, password: userPassword });
  const units = (await admin.ok<{ units: { unitId: number }[] }>('GET', `${s}/rounds/${round.id}/my-units`)).units.map(
    (u) => ({ id: u.unitId }),
  );
  const memo = joined(payloads, 20_000);
  const quoted = printable(5000).slice(0, 20);
  let quotesPlanted = 0;
  for (const unit of units) {
    // The server keeps a quote only if it is its unit's text at its offsets, so each quote is a whole payload post.
    const postQuotes = await unitPostQuotes(admin, `${s}/units/${unit.id}`);
    const quotes = Object.fromEntries(quoted.flatMap((p, i) => (postQuotes[i] ? [[`c${p.id}`, postQuotes[i]]] : [])));
    await admin.ok('PUT', `${s}/units/${unit.id}/coding`, {
      codeIds: quoted.map((p) => `c${p.id}`),
      memo: memo.text,
      quotes,
    });
    await coder.ok('PUT', `${s}/units/${unit.id}/coding`, {
      codeIds: ['c41', 'c42'],
      memo: memo.text,
      quotes: postQuotes[40] ? { c41: postQuotes[40] } : {},
    });
    quotesPlanted += Object.keys(quotes).length + (postQuotes[40] ? 1 : 0);
  }
  plant('memo', memo.n * units.length * 2);
  plant('quote', quotesPlanted);
  await admin.ok('POST', `${s}/rounds/${round.id}/close`);
  // Settle one unit with a payload rationale, leave the others open for the queue.
  await admin.ok('POST', `${s}/adjudication/units/${units[0]!.id}/settle`, {
    codeIds: ['c1', 'c41'],
    rationale: memo.text,
  });
  plant('adjudication rationale', memo.n);
  await admin.ok('POST', `${s}/rounds`, { name: payloads[14]!.text, kind: 'main' });
  plant('round name', 1);

  for (const p of fitting(60)
    .filter((x) => /[a-z0-9]/i.test(x.text))
    .slice(0, 5)) {
    await admin.ok('POST', `${s}/analysis/keyword-groups`, { name: p.text, terms: [p.text] });
    plant('keyword group name and term', 2);
  }
  return {
    studyId: study.id,
    roundId: round.id,
    unitIds: units.map((u) => u.id),
    bigThreadIds,
    sourceIds,
    planted,
    importRejections,
    badImportIds: [lenient.id, strict.id],
    rejectedUsernames,
    cliBaseUrl,
  };
}
