// A unit drawn into the round while a coder pages a ranking: the ranking begun never moves the units
// it already placed, so the new unit comes after its scored units, whoever scores it meanwhile
// (the coder's next page, or another coder's fresh ranking), and every unit is listed once.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import type { Agent } from '../support/agent.ts';
import { insertForum, selectAllThreads } from '../support/forum.ts';
import { suggestStudy, type SuggestStudy } from './suggest-study.ts';

let s: SuggestStudy;
let cora: Agent;
beforeEach(async () => {
  s = await suggestStudy();
  cora = await s.as('cora');
});
afterEach(() => s.t.close());

const myUnits = (query: string) => `/api/studies/${s.studyId}/rounds/${s.round2}/my-units${query}`;
const ids = (body: { units: { unitId: number }[] }) => body.units.map((u) => u.unitId);

/** A new unit for cora and cody in round 2 with the text of `like`: the model is as unsure of it as of `like`. */
function drawCopyOf(like: number): number {
  const text = s.t.db
    .prepare('SELECT p.text FROM units u JOIN posts p ON p.id = u.post_id WHERE u.id = ?')
    .pluck()
    .get(like) as string;
  const forum = insertForum(
    s.t.db,
    [{ title: 'Asked again', createdAt: '2024-03-01T00:00:00.000Z', posts: [text] }],
    'Later forum',
  );
  selectAllThreads(s.t.db, s.studyId);
  const unit = { threadId: forum.threadIds[0]!, postId: forum.postIds[0]![0]!, coderIds: [s.ids.cora!, s.ids.cody!] };
  return insertUnits(s.t.db, s.studyId, s.round2, [unit], s.ids.owen!, { method: 'test' })[0]!;
}

/** cora's first two units, a unit drawn like her first, then the rest of her ranking. */
async function pagedAcrossADraw(meanwhile: () => Promise<void>) {
  const first = await (await cora.get(myUnits('?order=uncertainty&limit=2&offset=0'))).json();
  const drawn = drawCopyOf(ids(first)[0]!);
  await meanwhile();
  const { rankedAt, modelVersion } = first.ranking;
  const rest = await (
    await cora.get(
      myUnits(
        `?order=uncertainty&limit=10&offset=2&rankedAt=${encodeURIComponent(rankedAt)}&modelVersion=${modelVersion}`,
      ),
    )
  ).json();
  return { seen: [...ids(first), ...ids(rest)], drawn };
}

test('a unit drawn between two pages comes after the ranking’s scored units, and none is listed twice', async () => {
  const { seen, drawn } = await pagedAcrossADraw(async () => {});
  expect(seen).toHaveLength(6);
  expect(new Set(seen).size).toBe(6);
  expect(seen.at(-1)).toBe(drawn);
});

test('another coder’s fresh ranking scoring the drawn unit does not move it into a ranking begun before', async () => {
  const cody = await s.as('cody');
  const { seen, drawn } = await pagedAcrossADraw(async () => {
    expect((await cody.get(myUnits('?order=uncertainty&limit=2'))).status).toBe(200);
  });
  expect(new Set(seen).size).toBe(6);
  expect(seen.at(-1)).toBe(drawn);
});
