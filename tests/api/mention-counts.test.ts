// Mention counts are kept, not recomputed (issue #20): each keyword group's matches are made
// once, and an import, a re-import that edits a post, and an edited group change them; the
// per-month summaries (no filters) and the kept matches (filters) give the same counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Agent, loggedIn } from '../support/agent.ts';
import { insertTemplateCodebook, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { importTopics, topics, withEditedAnswer } from '../support/revised-forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let dir: string;
let owen: Agent;
let base: string;
beforeEach(async () => {
  t = makeTestApp();
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-mention-counts-'));
  // Posts: 60001 "How do I push my dataset?", 60002 "Use push_to_hub()." (2021-06), 60003 (2021-07),
  // 60004 "My Space build fails with exit code 137.", 60005 "> exit code 137 That is out of memory." (2023-01),
  // and 60020, which quotes 60004 as Discourse does and adds "Same here." (2023-01).
  const quoting = structuredClone(topics()[2]!);
  quoting.id = 2005;
  quoting.post_stream.posts = [
    {
      ...quoting.post_stream.posts[1]!,
      id: 60020,
      post_number: 1,
      cooked:
        '<aside class="quote no-group" data-username="frank" data-post="1" data-topic="2003">\n<div class="title">\n<div class="quote-controls"></div>\nfrank:</div>\n<blockquote>\n<p>My Space build fails with exit code 137.</p>\n</blockquote>\n</aside>\n<p>Same here.</p>',
    },
  ];
  await importTopics(t.db, dir, [...topics(), quoting]);
  const { studyId } = await addStudyCast(t.db);
  selectAllThreads(t.db, studyId);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  owen = await loggedIn(t.app, 'owen');
  base = `/api/studies/${studyId}/analysis`;
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addGroup(name: string, terms: string[]): Promise<number> {
  const res = await owen.post(`${base}/keyword-groups`, { name, terms });
  expect(res.status).toBe(201);
  return (await res.json()).group.id;
}

/** Each group's counts per year (2021, 2022, 2023), with the query's filters. */
async function counts(query = ''): Promise<Record<string, number[]>> {
  const res = await owen.get(`${base}/mentions?granularity=year${query}`);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return Object.fromEntries(body.groups.map((g: { name: string; counts: number[] }) => [g.name, g.counts]));
}

const keptDefinitions = () => t.db.prepare('SELECT count(*) FROM mention_definitions').pluck().get();

describe('kept mention counts', () => {
  test('summaries and filtered matches agree, own words and quoted words too', async () => {
    await addGroup('Exit code', ['exit code']);
    await addGroup('Hub', ['push_to_hub', 'dataset']);
    expect(await counts()).toEqual({ 'Exit code': [0, 0, 2], Hub: [2, 0, 0] });
    expect(await counts('&withQuotes=1')).toEqual({ 'Exit code': [0, 0, 3], Hub: [2, 0, 0] });
    // A date range reads the kept matches instead of the summaries; the axis shrinks to its years.
    expect(await counts('&from=2021-01-01&to=2023-12-31')).toEqual({ 'Exit code': [0, 0, 2], Hub: [2, 0, 0] });
    expect(await counts('&from=2023-01-01&to=2023-12-31')).toEqual({ 'Exit code': [2], Hub: [0] });
    expect(await counts('&from=2023-01-01&to=2023-12-31&withQuotes=1')).toEqual({ 'Exit code': [3], Hub: [0] });
    const body = await (await owen.get(`${base}/mentions?granularity=year&from=2021-06-01&to=2021-12-31`)).json();
    expect(body.posts).toEqual([3]);
  });

  test('a re-import that edits a post changes its matches; an import of new posts adds theirs', async () => {
    await addGroup('Upload', ['upload_folder']);
    expect(await counts()).toEqual({ Upload: [0, 0, 0] });
    // Post 60002 now reads "Use upload_folder() instead: upload_folder() is faster."
    await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
    expect(await counts()).toEqual({ Upload: [1, 0, 0] });
    const more = topics()[2]!;
    more.id = 2004;
    more.post_stream.posts = more.post_stream.posts.map((p, i) => ({
      ...p,
      id: 60010 + i,
      cooked: '<p>Try upload_folder().</p>',
    }));
    await importTopics(t.db, dir, [more], 'more.jsonl');
    expect(await counts()).toEqual({ Upload: [1, 0, 2] });
    expect(await counts('&from=2023-01-01&to=2023-01-31')).toEqual({ Upload: [2] });
  });

  test('an edited group is matched afresh and the definition it left is dropped', async () => {
    const id = await addGroup('Hub', ['push_to_hub']);
    expect(await counts()).toEqual({ Hub: [1, 0, 0] });
    const edited = await owen.request('PUT', `${base}/keyword-groups/${id}`, { name: 'Hub', terms: ['memory'] });
    expect(edited.status).toBe(200);
    expect(await counts()).toEqual({ Hub: [0, 0, 1] });
    expect(keptDefinitions()).toBe(1);
    // Two groups with the same terms share one definition; renaming a group keeps its matches.
    await addGroup('Memory', ['memory']);
    await owen.request('PUT', `${base}/keyword-groups/${id}`, { name: 'Out of memory', terms: ['memory'] });
    expect(await counts()).toEqual({ 'Out of memory': [0, 0, 1], Memory: [0, 0, 1] });
    expect(keptDefinitions()).toBe(1);
    await owen.request('DELETE', `${base}/keyword-groups/${id}`);
    await owen.request('DELETE', `${base}/keyword-groups/${id + 1}`);
    expect(await counts()).toEqual({});
    expect(keptDefinitions()).toBe(0);
  });
});
