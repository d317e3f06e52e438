import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateFileSchema, templateToCodebook } from '@threadcoder/taxonomy';
import { closeRound } from '../db/close-round.ts';
import { createCodebook } from '../db/codebooks.ts';
import { saveCoding } from '../db/codings.ts';
import type { Db } from '../db/open.ts';
import { insertRound } from '../db/rounds.ts';
import { insertUnits } from '../db/units.ts';
import { population } from '../db/population.ts';
import { assignUnits } from '../sampling/assign.ts';
import { drawSample } from '../sampling/draw.ts';

interface DemoCoding {
  topic: number;
  post_number: number;
  coder: string;
  codes: string[];
  memo?: string;
}

function loadTemplates(dataDir: string) {
  return templateFileSchema.parse(JSON.parse(readFileSync(join(dataDir, 'templates/taxonomy-templates.json'), 'utf8')))
    .templates;
}

/**
 * Builds the demo study on the imported demo forum: the Hugging Face template codebook
 * pinned; every demo thread selected; a closed calibration round holding the demo
 * codings of alice and bob (so agreement and adjudication have something to show);
 * and an open main round of 20 more posts, drawn with a recorded seed, for both coders.
 */
export function buildDemoStudy(
  db: Db,
  dataDir: string,
  studyId: number,
  sourceId: number,
  people: Record<string, number>,
): void {
  const template = loadTemplates(dataDir).find((t) => t.id === 'hf-forum-ptm-reuse');
  const made = templateToCodebook(template);
  if (!made.ok) throw new Error(`The demo template is invalid: ${made.errors[0]!.message}`);
  const { codebookId, versionId } = createCodebook(
    db,
    made.value,
    people.carol!,
    'Created from the Hugging Face forum template',
  );
  db.prepare('UPDATE studies SET codebook_id = ?, codebook_version_id = ?, selection_json = ? WHERE id = ?').run(
    codebookId,
    versionId,
    JSON.stringify({ rule: 'all', sourceIds: [sourceId], description: 'Every thread of the demo forum sample' }),
    studyId,
  );
  db.prepare('INSERT INTO study_threads (study_id, thread_id) SELECT ?, id FROM threads WHERE source_id = ?').run(
    studyId,
    sourceId,
  );

  const calibration = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  db.prepare("UPDATE rounds SET name = 'Calibration', kind = 'calibration' WHERE id = ?").run(calibration);
  const codings = (
    JSON.parse(readFileSync(join(dataDir, 'demo/demo-codings.json'), 'utf8')) as { codings: DemoCoding[] }
  ).codings;
  const postId = db.prepare(
    'SELECT p.id, p.thread_id AS threadId FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.source_id = ? AND t.external_id = ? AND p.post_number = ?',
  );
  const units = new Map<string, { threadId: number; postId: number }>();
  for (const c of codings) {
    const post = postId.get(sourceId, String(c.topic), c.post_number) as { id: number; threadId: number } | undefined;
    if (!post) throw new Error(`Demo coding names topic ${c.topic} post ${c.post_number}, which the demo forum lacks.`);
    units.set(`${c.topic}/${c.post_number}`, { threadId: post.threadId, postId: post.id });
  }
  const coders = [people.alice!, people.bob!];
  const unitList = [...units.values()].map((u) => ({ ...u, coderIds: coders }));
  const unitIds = insertUnits(db, studyId, calibration, unitList, people.carol!, {
    method: 'demo',
    note: 'the demo codings',
  });
  const unitOf = new Map([...units.keys()].map((key, i) => [key, unitIds[i]!]));
  for (const c of codings) {
    saveCoding(db, studyId, unitOf.get(`${c.topic}/${c.post_number}`)!, people[c.coder]!, versionId, {
      codeIds: c.codes,
      memo: c.memo ?? '',
      unsure: false,
      quotes: {},
    });
  }
  closeRound(db, studyId, calibration, people.carol!);

  const main = insertRound(db, studyId, 'Main', 'main', people.carol!);
  const seed = 'demo-main-round';
  const drawn = drawSample(population(db, studyId, 'post', 'none'), { size: 20, seed, stratified: false });
  const assignment = assignUnits(drawn.ids, coders, 1, seed);
  const threadOf = db.prepare('SELECT thread_id FROM posts WHERE id = ?').pluck();
  insertUnits(
    db,
    studyId,
    main.id,
    drawn.ids.map((id) => ({ threadId: threadOf.get(id) as number, postId: id, coderIds: assignment.get(id)! })),
    people.carol!,
    { roundId: main.id, size: 20, seed, strata: 'none', overlap: 1, coderIds: coders },
  );
}
