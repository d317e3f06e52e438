// A study ready for many coders at once, written straight into a database file before the
// server starts: an owner, `coders` coders, a post study over a monthly forum with the HF
// template codebook pinned, and `unitsEach` units per coder, each unit shared by
// `codersPerUnit` consecutive coders (so agreement has pairs to compare).
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { population } from '../../apps/api/src/db/population.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import type { Db } from '../../apps/api/src/db/open.ts';
import {
  insertForum,
  insertTemplateCodebook,
  monthlyForum,
  pinCodebook,
  selectAllThreads,
} from '../../tests/support/forum.ts';
import { addStudy, addUser } from '../../tests/support/test-app.ts';
import { htmlBody } from './html-body.ts';
import { rng } from './prng.ts';

/** Label sets valid in the HF template codebook (multi-label). */
export const codeSets = [
  ['model-usage'],
  ['documentation', 'model-usage'],
  ['dataset'],
  ['memory-performance', 'training-pipeline'],
  ['acknowledgement'],
];

export interface CodingStudyOptions {
  coders: number;
  unitsEach: number;
  codersPerUnit?: number;
  threads?: number;
  postsEach?: number;
  /** Posts of realistic forum prose (200-2,000 characters) instead of one short line, so search has work to do. */
  prose?: boolean;
}

export interface BuiltStudy {
  studyId: number;
  roundId: number;
  /** Session cookies (`tc_session=…`), made in the database: 50 logins would cost seconds of scrypt. */
  ownerCookie: string;
  coders: { username: string; id: number; cookie: string; units: number[] }[];
}

export async function buildCodingStudy(dbPath: string, o: CodingStudyOptions): Promise<BuiltStudy> {
  const perUnit = o.codersPerUnit ?? 1;
  const db = openDb(dbPath);
  try {
    const owner = await addUser(db, 'owner');
    const people: Awaited<ReturnType<typeof addUser>>[] = [];
    for (let i = 0; i < o.coders; i++) people.push(await addUser(db, `coder${String(i + 1).padStart(2, '0')}`));
    const studyId = addStudy(
      db,
      owner.id,
      people.map((p) => [p.id, 'coder'] as [number, 'coder']),
      'Bench study',
    );
    if (o.prose) proseForum(db, o.threads ?? 200, o.postsEach ?? 4);
    else monthlyForum(db, o.threads ?? 200, o.postsEach ?? 4);
    selectAllThreads(db, studyId);
    pinCodebook(db, studyId, insertTemplateCodebook(db));
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    // Unit u goes to coders u, u+1, …: with unitsEach per coder there are coders * unitsEach / perUnit units.
    const count = Math.floor((o.coders * o.unitsEach) / perUnit);
    const posts = population(db, studyId, 'post', 'none');
    if (posts.length < count) throw new Error(`The forum has ${posts.length} posts; ${count} units need more.`);
    const owners = Array.from({ length: count }, (_, u) =>
      Array.from({ length: perUnit }, (_, k) => (Math.floor(u / o.unitsEach) * perUnit + k) % o.coders),
    );
    const units = posts
      .slice(0, count)
      .map((p, u) => ({ threadId: p.threadId, postId: p.id, coderIds: owners[u]!.map((c) => people[c]!.id) }));
    const unitIds = insertUnits(db, studyId, roundId, units, owner.id, { method: 'bench' });
    const cookie = (userId: number) => `${sessionCookie}=${createSession(db, userId, 24 * 3600_000).token}`;
    const coders = people.map((p) => ({ username: p.username, id: p.id, cookie: cookie(p.id), units: [] as number[] }));
    unitIds.forEach((id, u) => {
      owners[u]!.forEach((c) => {
        coders[c]!.units.push(id);
      });
    });
    return { studyId, roundId, ownerCookie: cookie(owner.id), coders };
  } finally {
    db.close();
  }
}

const tags = ['transformers', 'datasets', 'tokenizers', 'hub', 'spaces', 'accelerate', 'peft', 'diffusers'];

/** `n` threads over four years with `postsEach` posts of seeded prose. */
function proseForum(db: Db, n: number, postsEach: number): void {
  const r = rng(7);
  const text = (chars: number) =>
    htmlBody(r, chars)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  insertForum(
    db,
    Array.from({ length: n }, (_, i) => ({
      title: text(60).slice(0, 60),
      createdAt: new Date(Date.UTC(2020, 0, 1) + Math.floor((i / n) * 4 * 365 * 86_400_000)).toISOString(),
      category: i % 3 ? 'Beginners' : 'Models',
      tags: [r.pick(tags)],
      posts: Array.from({ length: postsEach }, () => text(r.int(200, 2000))),
    })),
  );
}
