// Analysis at scale: a study with 1,000,000 final labels on 500,000 post units over four years
// (2021–2024), 17 codes of the Hugging Face template. Measures what the Analysis page asks for,
// through the functions its routes call: counts per quarter per code with the shift tests
// (chi-square of code × quarter, Mann–Kendall, Spearman, Holm) — target ≤ 200 ms — and, for
// context, the same with a date filter (read from analysis_facts instead of the monthly summary),
// the counts table, the first request after some labels changed (redoes those units' facts) and
// the full build of the facts (the first analysis of a study, or a new codebook version).
// Median of 5 runs after one warm-up. Run: npm run bench -- analysis
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFacts } from '../apps/api/src/db/analysis-facts.ts';
import { countsReport } from '../apps/api/src/db/analysis-counts.ts';
import { trendReport } from '../apps/api/src/db/analysis-trend.ts';
import { openDb } from '../apps/api/src/db/open.ts';
import { insertTemplateCodebook, pinCodebook } from '../tests/support/forum.ts';
import { medianTime } from './lib/median-time.ts';

const POSTS = 500_000;
const THREADS = 100_000;
const DAYS = 1461; // 2021-01-01 .. 2024-12-31

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-bench-analysis-'));
const db = openDb(join(dir, 'bench.db'));

function build(): number {
  const now = '2025-01-01T00:00:00.000Z';
  db.prepare(
    "INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (1, 'owner', 'Owner', 'x', ?)",
  ).run(now);
  db.prepare("INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'Bench forum', 'discourse', ?)").run(now);
  const studyId = Number(
    db.prepare("INSERT INTO studies (name, created_at, blind) VALUES ('Bench', ?, 0)").run(now).lastInsertRowid,
  );
  db.prepare("INSERT INTO study_members (study_id, user_id, role) VALUES (?, 1, 'owner')").run(studyId);
  pinCodebook(db, studyId, insertTemplateCodebook(db));
  const codes = db
    .prepare(
      'SELECT id, dimension FROM codes WHERE version_id = (SELECT codebook_version_id FROM studies WHERE id = ?) AND codable = 1 ORDER BY position',
    )
    .all(studyId) as { id: string; dimension: string }[];
  const challenge = codes.filter((c) => c.dimension === 'challenge').map((c) => c.id);
  const benefit = codes.filter((c) => c.dimension === 'benefit').map((c) => c.id);
  db.prepare(
    "INSERT INTO rounds (id, study_id, name, position, status, created_at) VALUES (1, ?, 'Main', 1, 'closed', ?)",
  ).run(studyId, now);
  db.transaction(() => {
    // Threads and posts spread evenly over the four years; five posts a thread.
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${THREADS})
      INSERT INTO threads (id, source_id, external_id, title, category, created_at)
      SELECT i, 1, i, 'Thread ' || i, CASE i % 3 WHEN 0 THEN 'Models' WHEN 1 THEN 'Beginners' ELSE 'Datasets' END,
        strftime('%Y-%m-%dT%H:%M:%fZ', '2021-01-01', '+' || ((i - 1) * ${DAYS}.0 / ${THREADS}) || ' days') FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${POSTS})
      INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, content_hash)
      SELECT i, 1, (i - 1) / 5 + 1, i, (i - 1) % 5 + 1,
        strftime('%Y-%m-%dT%H:%M:%fZ', '2021-01-01', '+' || ((i - 1) * ${DAYS}.0 / ${POSTS}) || ' days'), '', 'post', 'h' FROM n;
      -- Inserts index their rows themselves (db/search-index.ts).
      INSERT INTO threads_fts (rowid, title) SELECT id, title FROM threads;
      INSERT INTO posts_fts (rowid, text) SELECT id, text FROM posts;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${POSTS})
      INSERT INTO units (id, study_id, round_id, thread_id, post_id, position) SELECT i, ${studyId}, 1, (i - 1) / 5 + 1, i, i FROM n;`);
    // Two labels a unit: a challenge from a window of four codes that slides along the list over
    // the four years (so the mix shifts), and a benefit. Deterministic: a hash of the unit id.
    const json = (xs: string[]) => JSON.stringify(xs).replace(/'/g, "''");
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${POSTS})
      INSERT INTO final_labels (unit_id, code_id, origin)
      SELECT i, json_extract('${json(challenge)}', '$[' || ((((i * 2654435761) % 1000003) % 4 + i * 8 / ${POSTS}) % ${challenge.length}) || ']'), 'agreement' FROM n
      UNION ALL
      SELECT i, json_extract('${json(benefit)}', '$[' || (((i * 40503) % 65537) % ${benefit.length}) || ']'), 'agreement' FROM n;`);
  })();
  return studyId;
}

try {
  let start = performance.now();
  const studyId = build();
  const labels = db.prepare('SELECT count(*) FROM final_labels').pluck().get() as number;
  console.log(
    `built ${labels.toLocaleString('en')} final labels on ${POSTS.toLocaleString('en')} units in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  start = performance.now();
  ensureFacts(db, studyId);
  const rebuild = performance.now() - start;

  const quarter = { granularity: 'quarter' as const };
  const check = trendReport(db, studyId, quarter);
  const chi = check.tests.chiSquare.value;
  console.log(
    `${check.periods.length} quarters, ${check.tests.trends.length} codes tested; chi-square ${chi ? `${chi.statistic.toFixed(1)} on ${chi.df} df, N = ${chi.n}` : 'not defined'}`,
  );

  const rows: [string, number][] = [
    ['counts per quarter per code + shift tests', medianTime(() => trendReport(db, studyId, quarter))],
    [
      '  same, filtered to 2022-01-01..2023-12-31',
      medianTime(() => trendReport(db, studyId, { ...quarter, from: '2022-01-01', to: '2023-12-31' })),
    ],
  ];
  // An adjudicator settles 100 units: the triggers list them and the next request redoes just those.
  const relabel = db.prepare(
    "UPDATE final_labels SET code_id = 'documentation' WHERE unit_id = ? AND code_id IN (SELECT id FROM codes WHERE dimension = 'challenge')",
  );
  db.transaction(() => {
    for (let i = 0; i < 100; i++) relabel.run(1 + i * 4999);
  })();
  start = performance.now();
  trendReport(db, studyId, quarter);
  rows.push(['  same, first request after 100 units changed', performance.now() - start]);
  rows.push(['counts table (rollups, threads, coders)', medianTime(() => countsReport(db, studyId, 1, quarter))]);
  rows.push(['full build of the facts (first analysis, new codebook version)', rebuild]);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${'task'.padEnd(width)}  median ms`);
  for (const [name, ms] of rows) console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(9)}`);
  const target = rows[0]![1];
  console.log(
    target <= 200 ? `target met: ${target.toFixed(1)} ms ≤ 200 ms` : `TARGET MISSED: ${target.toFixed(1)} ms > 200 ms`,
  );
  if (target > 200) process.exitCode = 1;
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
