// A quote's text must be the unit's text at its offsets, counted in code points (as the .qdpx
// export and the coding screen count them): a request whose offsets slice other text is refused.
import { afterEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

let s: CodingStudy;
afterEach(() => s.t.close());

// "👋" is one code point but two UTF-16 units: "Hi 👋 the docs…" has "the" at code points 5–8, UTF-16 6–9.
const postText = 'Hi 👋 the docs link is broken.';

async function studyOf(kind: 'post' | 'thread') {
  s = await codingStudy();
  s.t.db.prepare('UPDATE studies SET unit_kind = ?').run(kind);
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 1, seed: 'q', overlap: 1 });
  const unit = s.t.db.prepare('SELECT id, thread_id AS threadId, post_id AS postId FROM units').get() as {
    id: number;
    threadId: number;
    postId: number | null;
  };
  const posts = s.t.db
    .prepare('SELECT id FROM posts WHERE thread_id = ? ORDER BY post_number')
    .pluck()
    .all(unit.threadId);
  const setText = s.t.db.prepare('UPDATE posts SET text = ? WHERE id = ?');
  for (const [i, id] of posts.entries()) setText.run(i === 0 ? postText : `Reply ${i} 🚀.`, id);
  if (unit.postId !== null) setText.run(postText, unit.postId);
  return unit.id;
}

const save = async (unitId: number, quote: { text: string; start: number; end: number }) =>
  (await s.as('cora')).request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['documentation'],
    quotes: { documentation: quote },
  });
const storedQuotes = () => s.t.db.prepare('SELECT count(*) FROM coding_labels WHERE quote IS NOT NULL').pluck().get();

describe('a quote and its offsets', () => {
  test('offsets that slice the quoted text, in code points, are kept', async () => {
    const unitId = await studyOf('post');
    const res = await save(unitId, { text: 'the docs', start: 5, end: 13 });
    expect(res.status).toBe(200);
    expect((await res.json()).coding.quotes).toEqual({ documentation: { text: 'the docs', start: 5, end: 13 } });
  });

  test.each([
    [
      'offsets of other text',
      { text: 'the docs', start: 0, end: 8 },
      'coding.quote_mismatch',
      'quotes.documentation.text',
      'The quote for "documentation" reads "the docs", but the unit\'s text from 0 to 8 (in characters) reads "Hi 👋 the".',
    ],
    [
      'UTF-16 offsets past the emoji',
      { text: 'the docs', start: 6, end: 14 },
      'coding.quote_mismatch',
      'quotes.documentation.text',
      'The quote for "documentation" reads "the docs", but the unit\'s text from 6 to 14 (in characters) reads "he docs ".',
    ],
    [
      'an end past the text',
      { text: 'broken.', start: 22, end: 40 },
      'coding.quote_out_of_range',
      'quotes.documentation.end',
      'The quote for "documentation" ends at 40, past the unit\'s text (29 characters).',
    ],
  ])('%s are refused with 400, naming the field', async (_, quote, code, field, message) => {
    const unitId = await studyOf('post');
    const res = await save(unitId, quote);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code, message, where: { field } });
    expect(s.t.db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0);
    expect(storedQuotes()).toBe(0);
  });

  test('a thread unit counts in its posts joined by a blank line', async () => {
    const unitId = await studyOf('thread');
    // Post 1 is 29 code points, then "\n\n": "Reply 1 🚀." starts at 31; its emoji is code point 39.
    expect((await save(unitId, { text: '1 🚀.', start: 37, end: 41 })).status).toBe(200);
    const wrong = await save(unitId, { text: 'Reply 2', start: 31, end: 38 });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toContain('reads "Reply 1"');
  });
});
