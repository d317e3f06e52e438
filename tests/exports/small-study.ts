import type { Code, Codebook } from '@threadcoder/taxonomy';
import { settleAdjudication } from '../../apps/api/src/db/adjudications.ts';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { createCodebook } from '../../apps/api/src/db/codebooks.ts';
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import { insertRound } from '../../apps/api/src/db/rounds.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { loggedIn } from '../support/agent.ts';
import { insertForum, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp } from '../support/test-app.ts';

/** Post 1 of thread t1: astral characters (an emoji, a math letter) before and inside the quote. */
export const POST_1 = 'Docs 👋 are missing for 𝒳 models';
/** Post 1 of thread t2 is stored with a CRLF line end. */
const POST_3 = 'Windows\r\nsetup fails';

function code(id: string, parentId: string | null, position: number, name: string, definition = ''): Code {
  return {
    id,
    parentId,
    position,
    dimension: parentId ?? id,
    name,
    definition,
    includeNote: '',
    excludeNote: '',
    examples: [],
    color: null,
    shortcut: null,
    status: 'active',
    codable: parentId !== null,
  };
}

export function smallCodebook(evil = false): Codebook {
  return {
    name: 'Small codebook',
    description: '',
    templateId: null,
    version: 1,
    codes: [
      code('challenge', null, 0, 'Challenge'),
      code(
        'docs',
        'challenge',
        0,
        evil ? 'Docs <script>alert("name")</script>' : 'Documentation gaps',
        evil ? 'Missing <script>alert("definition")</script> docs & guides.' : 'Missing or unclear documentation.',
      ),
      code('setup', 'challenge', 1, 'Environment setup', 'Installing and configuring.'),
      code('benefit', null, 1, 'Benefit'),
      code('reuse', 'benefit', 0, 'Model reuse', 'Reusing a pretrained model.'),
    ],
  };
}

/**
 * A small blind post study with fixed timestamps: owner owen, coders cora and cody, adjudicator
 * ada, outsider nina. Threads t1 (January 2022: posts 1–2) and t2 (April 2022: posts 1–2).
 * Round "Calibration" (closed): unit 1 = t1 post 1, both coders say docs (agreement; cora quotes
 * "👋 are"); unit 2 = t2 post 1, cora setup / cody docs+setup (cody quotes "setup"), settled by
 * ada as setup; unit 3 = t2 post 2, both coders give no label. Round "Main" (open): unit 4 =
 * t1 post 2, coded only by cora (reuse, a memo and a quote).
 */
export async function smallStudy(options: { evil?: boolean } = {}) {
  const t = makeTestApp();
  const { ids, studyId } = await addStudyCast(
    t.db,
    options.evil ? 'Study <script>alert("study")</script>' : 'Small study',
  );
  const forum = insertForum(t.db, [
    {
      title: 'Where are the docs?',
      createdAt: '2022-01-10T09:00:00.000Z',
      category: 'Models',
      posts: [POST_1, 'See the guide'],
    },
    {
      title: 'Setup fails',
      createdAt: '2022-04-05T12:00:00.000Z',
      category: 'Beginners',
      posts: [POST_3, 'Reuse the model instead'],
    },
  ]);
  selectAllThreads(t.db, studyId);
  const book = createCodebook(t.db, smallCodebook(options.evil), ids.owen!, 'test');
  pinCodebook(t.db, studyId, book);
  const calibration = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  t.db.prepare("UPDATE rounds SET name = 'Calibration', kind = 'calibration' WHERE id = ?").run(calibration);
  const main = insertRound(t.db, studyId, 'Main', 'main', ids.owen!).id;
  const coders = [ids.cora!, ids.cody!];
  const [p1, p2] = forum.postIds[0]!;
  const [p3, p4] = forum.postIds[1]!;
  const [t1, t2] = forum.threadIds;
  const draw = {
    roundId: calibration,
    size: 3,
    strata: 'month',
    seed: 'calib-seed',
    overlap: 1,
    coderIds: coders,
    population: 4,
    strataCounts: [
      { stratum: '2022-01', population: 2, sampled: 1 },
      { stratum: '2022-04', population: 2, sampled: 2 },
    ],
    at: '2024-01-15T08:00:00.000Z',
  };
  const [u1, u2, u3] = insertUnits(
    t.db,
    studyId,
    calibration,
    [
      { threadId: t1!, postId: p1!, coderIds: coders },
      { threadId: t2!, postId: p3!, coderIds: coders },
      { threadId: t2!, postId: p4!, coderIds: coders },
    ],
    ids.owen!,
    draw,
  );
  const [u4] = insertUnits(t.db, studyId, main, [{ threadId: t1!, postId: p2!, coderIds: coders }], ids.owen!, {
    ...draw,
    roundId: main,
    size: 1,
    strata: 'none',
    seed: 'main-seed',
    population: 1,
    strataCounts: [{ stratum: 'all', population: 1, sampled: 1 }],
    at: '2024-02-15T08:00:00.000Z',
  });
  const save = (
    unitId: number,
    coder: string,
    codeIds: string[],
    extra: { memo?: string; quotes?: Record<string, { text: string; start: number; end: number }> } = {},
  ) =>
    saveCoding(t.db, studyId, unitId, ids[coder]!, book.versionId, {
      codeIds,
      memo: extra.memo ?? '',
      unsure: false,
      quotes: extra.quotes ?? {},
    });
  save(u1!, 'cora', ['docs'], { quotes: { docs: { text: '👋 are', start: 5, end: 10 } } });
  save(u1!, 'cody', ['docs']);
  save(u2!, 'cora', ['setup']);
  save(u2!, 'cody', ['docs', 'setup'], { quotes: { setup: { text: 'setup', start: 9, end: 14 } } });
  save(u3!, 'cora', []);
  save(u3!, 'cody', []);
  closeRound(t.db, studyId, calibration, ids.owen!);
  settleAdjudication(t.db, studyId, u2!, ids.ada!, { codeIds: ['setup'], rationale: 'Docs are not the issue' });
  save(u4!, 'cora', ['reuse'], { memo: 'SECRET-MEMO-OF-CORA', quotes: { reuse: { text: 'See', start: 0, end: 3 } } });
  // Fixed times, so expected files can be written out in full.
  t.db
    .prepare(
      "UPDATE codings SET created_at = '2024-02-0' || (SELECT count(*) FROM codings c2 WHERE c2.id <= codings.id) || 'T10:00:00.000Z'",
    )
    .run();
  t.db
    .prepare(
      "UPDATE adjudications SET settled_at = '2024-03-01T00:00:00.000Z', created_at = '2024-02-20T00:00:00.000Z'",
    )
    .run();
  t.db.prepare("UPDATE rounds SET closed_at = '2024-02-20T00:00:00.000Z' WHERE id = ?").run(calibration);
  const as = (name: string) => loggedIn(t.app, name);
  return {
    t,
    ids,
    studyId,
    rounds: { calibration, main },
    units: [u1!, u2!, u3!, u4!],
    posts: [p1!, p2!, p3!, p4!],
    threads: [t1!, t2!],
    as,
  };
}

export type SmallStudy = Awaited<ReturnType<typeof smallStudy>>;
