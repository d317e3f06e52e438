// The routes whose work moved onto worker threads answer exactly what they answer on the
// request thread (THREADCODER_WORKERS=0), for the owner and, through the blind rule, a coder;
// and a coding save is answered while an export waits in a worker.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import { tasks as appTasks, tasksUrl as appTasksUrl } from '../../apps/api/src/workers/tasks.ts';
import { createTaskPool, type TaskPool } from '../../apps/api/src/workers/task-pool.ts';
import { smallStudy, type SmallStudy } from '../exports/small-study.ts';
import { Agent } from '../support/agent.ts';
import { codingStudy } from '../support/coding-study.ts';
import { tasks as gatedTasks, tasksUrl as gatedTasksUrl } from '../support/gated-tasks.ts';

let s: SmallStudy;
const pools: TaskPool<typeof appTasks>[] = [];
function appWith(
  size: number,
  registry = appTasks,
  registryUrl = appTasksUrl,
  extra?: SharedArrayBuffer,
  maxQueuedBytes?: number,
) {
  const tasks = createTaskPool({ registry, registryUrl, db: s.t.db, size, timeoutMs: 60_000, extra, maxQueuedBytes });
  pools.push(tasks);
  return createApp({ db: s.t.db, config: { ...loadConfig({}), dbPath: s.t.dbPath }, log: () => {}, tasks });
}
/** An agent on `app` with the session of `agent` (sessions live in the shared database). */
const as = (app: ReturnType<typeof appWith>, agent: Agent) => Object.assign(new Agent(app), { cookie: agent.cookie });

beforeAll(async () => {
  s = await smallStudy();
  const owen = await s.as('owen');
  const group = await owen.post(`/api/studies/${s.studyId}/analysis/keyword-groups`, {
    name: 'Docs',
    terms: ['docs', 'guide'],
  });
  expect(group.status).toBe(201);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  s.t.close();
});

describe('worker routes answer what the request thread answers', () => {
  const owner = [
    '/exports/codings',
    '/exports/final',
    '/exports/counts',
    '/exports/counts?period=month',
    '/exports/report',
    '/exports/report?format=html&period=year',
    '/analysis/terms',
    '/analysis/terms.csv?top=5',
    '/analysis/mentions?granularity=month',
    '/analysis/mentions.csv',
    '/analysis/mention-correlations.csv',
    '/agreement?bootstrap=200&seed=7',
    '/agreement/export?format=csv&bootstrap=50',
  ];
  const withoutRequestId = ({ error: { requestId, ...error } }: { error: { requestId: string } }) => ({ error });
  // Each response's headers but its request id, which is new for every request.
  const headers = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => name !== 'x-request-id'));
  const cases: [string, string, number][] = [
    ...owner.map((path): [string, string, number] => ['owen', path, 200]),
    ['cora', '/exports/codings', 200],
    ['cora', '/exports/final', 403],
    ['cora', '/analysis/mentions', 403],
  ];
  test.each(cases)('%s: GET %s', async (user, path, status) => {
    const agent = await s.as(user);
    const inWorker = await as(appWith(1), agent).get(`/api/studies/${s.studyId}${path}`);
    const inline = await as(appWith(0), agent).get(`/api/studies/${s.studyId}${path}`);
    expect([inWorker.status, inline.status]).toEqual([status, status]);
    expect(headers(inWorker)).toEqual(headers(inline));
    if (status === 200)
      expect(Buffer.from(await inWorker.arrayBuffer()).equals(Buffer.from(await inline.arrayBuffer()))).toBe(true);
    else expect(withoutRequestId(await inWorker.json())).toEqual(withoutRequestId(await inline.json()));
  });

  test.each(['owen', 'cora'])(
    '%s: the .qdpx holds the same files, whose texts differ only in the export time, however slowly it is read',
    async (user) => {
      const agent = await s.as(user);
      const unzip = async (app: ReturnType<typeof appWith>) => {
        const res = await as(app, agent).get(`/api/studies/${s.studyId}/exports/qdpx`);
        expect(res.status).toBe(200);
        const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
        return Object.fromEntries(
          Object.entries(files).map(([name, bytes]) => [
            name,
            strFromU8(bytes).replace(
              / creationDateTime="[^"]+">\n {2}<Users>/,
              ' creationDateTime="(now)">\n  <Users>',
            ),
          ]),
        );
      };
      const inWorker = await unzip(appWith(1));
      expect(inWorker).toEqual(await unzip(appWith(0)));
      // A pool that lets one byte wait for the reader: each batch waits until the one before is read.
      expect(await unzip(appWith(1, appTasks, appTasksUrl, undefined, 1))).toEqual(inWorker);
      expect(Object.keys(inWorker)).toContain('project.qde');
      expect(inWorker['project.qde']).toContain('creationDateTime="(now)"');
    },
  );
});

test('a draw made in a worker is the draw made on the request thread (two copies of one study)', async () => {
  const [a, b] = [await codingStudy(), await codingStudy()];
  const inline = createApp({
    db: b.t.db,
    config: { ...loadConfig({}), dbPath: b.t.dbPath, workers: 0 },
    log: () => {},
  });
  const body = { roundId: a.roundId, size: 7, strata: 'quarter', seed: 'same', overlap: 0.5 };
  const inWorker = await (await a.as('owen')).post(`/api/studies/${a.studyId}/sampling/draw`, body);
  const owenInline = Object.assign(new Agent(inline), { cookie: (await b.as('owen')).cookie });
  const onRequestThread = await owenInline.post(`/api/studies/${b.studyId}/sampling/draw`, body);
  expect([inWorker.status, onRequestThread.status]).toEqual([201, 201]);
  const drawn = await inWorker.json();
  expect(drawn).toEqual(await onRequestThread.json());
  expect(drawn.units).toBe(7);
  a.t.close();
  b.t.close();
});

describe('the request thread stays free', () => {
  test('storing the mentions as a series set (stemming, matching new groups) runs as a task in a worker', async () => {
    const pool = createTaskPool({
      registry: appTasks,
      registryUrl: appTasksUrl,
      db: s.t.db,
      size: 1,
      timeoutMs: 60_000,
    });
    pools.push(pool);
    const ran: string[] = [];
    const tasks: TaskPool<typeof appTasks> = {
      run: (name, args, o) => {
        ran.push(name);
        return pool.run(name, args, o);
      },
      stream: pool.stream,
      close: pool.close,
    };
    const app = createApp({ db: s.t.db, config: { ...loadConfig({}), dbPath: s.t.dbPath }, log: () => {}, tasks });
    const owen = as(app, await s.as('owen'));
    const res = await owen.post(`/api/studies/${s.studyId}/mention-trends/series`, { unit: 'topics' });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(ran).toEqual(['mentionSeries']);
    expect(body.matching).toEqual({ Docs: 'whole words, stemmed; any case; own words only' });
    expect(body.set.name).toMatch(/: topics by creation month mentioning each keyword group$/);
  });

  test('a coding save is answered while a codings export waits in its worker, and the export then holds it', async () => {
    const shared = new SharedArrayBuffer(8);
    const gate = new Int32Array(shared);
    const app = appWith(1, gatedTasks, gatedTasksUrl, shared);
    const cody = as(app, await s.as('cody'));
    const unit = s.t.db
      .prepare("SELECT u.id FROM units u JOIN rounds r ON r.id = u.round_id WHERE r.name = 'Main'")
      .pluck()
      .get() as number;
    const events: string[] = [];
    const exported = cody.get(`/api/studies/${s.studyId}/exports/codings`).then(async (res) => {
      events.push('export answered');
      return { status: res.status, csv: await res.text() };
    });
    while (Atomics.load(gate, 0) === 0) await new Promise((r) => setTimeout(r, 5)); // the export has started
    const saved = await cody.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, {
      codeIds: ['reuse'],
      memo: 'saved during the export',
      unsure: false,
    });
    events.push('save answered');
    expect(saved.status).toBe(200);
    Atomics.store(gate, 1, 1);
    Atomics.notify(gate, 1);
    const { status, csv } = await exported;
    expect(events).toEqual(['save answered', 'export answered']);
    expect(status).toBe(200);
    // The worker read the database after the save was committed: the new coding is in the file.
    expect(csv.split('\r\n').filter((line) => line.startsWith(`${unit},`) && line.includes(',cody,'))).toHaveLength(1);
  });
});
