// The long lists of issue #20, written straight into a database file before the server starts:
// a thread of 3,000 posts of forum prose, a coder with 10,000 post units in an open round, and a
// closed round whose 3,000 units two coders disagreed on (the adjudication queue).
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import { type Db, openDb } from '../../apps/api/src/db/open.ts';
import { population } from '../../apps/api/src/db/population.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { insertForum, insertTemplateCodebook, pinCodebook, selectAllThreads } from '../../tests/support/forum.ts';
import { addStudy, addUser } from '../../tests/support/test-app.ts';
import { htmlBody } from './html-body.ts';
import { rng } from './prng.ts';

export interface PagesStudy {
  threadId: number;
  /** The study where `coder` has `units` units. */
  codingStudyId: number;
  /** The study whose closed round left `queue` units in adjudication. */
  queueStudyId: number;
  /** Session cookie values (`tc_session`), made in the database. */
  coderSession: string;
  ownerSession: string;
}

const prose = (seed: number) => {
  const r = rng(seed);
  return (chars: number) =>
    htmlBody(r, chars)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
};

/** A post study over every thread with `coderIds` assigned to `count` post units, in one open round. */
function postStudy(db: Db, ownerId: number, coderIds: number[], count: number, name: string) {
  const studyId = addStudy(
    db,
    ownerId,
    coderIds.map((id) => [id, 'coder'] as [number, 'coder']),
    name,
  );
  selectAllThreads(db, studyId);
  pinCodebook(db, studyId, insertTemplateCodebook(db));
  const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const posts = population(db, studyId, 'post', 'none').slice(0, count);
  const units = posts.map((p) => ({ threadId: p.threadId, postId: p.id, coderIds }));
  const unitIds = insertUnits(db, studyId, roundId, units, ownerId, { method: 'bench' });
  const versionId = db.prepare('SELECT codebook_version_id FROM studies WHERE id = ?').pluck().get(studyId) as number;
  return { studyId, roundId, unitIds, versionId };
}

export async function buildPagesStudy(
  dbPath: string,
  o: { posts: number; units: number; queue: number },
): Promise<PagesStudy> {
  const db = openDb(dbPath);
  try {
    const text = prose(11);
    const r = rng(12);
    const threadId = insertForum(
      db,
      [
        {
          title: `A thread of ${o.posts.toLocaleString('en')} posts`,
          createdAt: '2023-01-01T00:00:00.000Z',
          posts: Array.from({ length: o.posts }, () => text(r.int(200, 2000))),
        },
      ],
      'Long thread',
    ).threadIds[0]!;
    // Short threads of five posts hold the units.
    insertForum(
      db,
      Array.from({ length: Math.ceil(o.units / 5) }, (_, i) => ({
        title: `Thread ${i + 1}: ${text(50).slice(0, 50)}`,
        createdAt: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
        posts: Array.from({ length: 5 }, () => text(r.int(200, 800))),
      })),
      'Forum',
    );
    const owner = await addUser(db, 'owner');
    const coder = await addUser(db, 'coder');
    const other = await addUser(db, 'coder2');
    const coding = postStudy(db, owner.id, [coder.id], o.units, 'Ten thousand units');
    const queue = postStudy(db, owner.id, [coder.id, other.id], o.queue, 'Adjudication queue');
    db.transaction(() => {
      for (const unitId of queue.unitIds) {
        const label = (codeId: string) => ({ codeIds: [codeId], quotes: {}, memo: '', unsure: false });
        saveCoding(db, queue.studyId, unitId, coder.id, queue.versionId, label('model-usage'));
        saveCoding(db, queue.studyId, unitId, other.id, queue.versionId, label('dataset'));
      }
    })();
    closeRound(db, queue.studyId, queue.roundId, owner.id);
    const session = (userId: number) => createSession(db, userId, 24 * 3600_000).token;
    return {
      threadId,
      codingStudyId: coding.studyId,
      queueStudyId: queue.studyId,
      coderSession: session(coder.id),
      ownerSession: session(owner.id),
    };
  } finally {
    db.close();
  }
}
