import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// The other half of the blind rule (coding.blind.test.ts walks every GET route before
// adjudication): once the round is closed and a unit is in adjudication, the adjudicator
// sees both coders' labels, memos and quotes — and coders still cannot use the adjudication routes.

const secretMemo = 'SECRET-MEMO-OF-CORA';
const secretQuote = { text: 'of thread', start: 7, end: 16 };

let s: CodingStudy;
let unitId: number;
const base = () => `/api/studies/${s.studyId}/adjudication`;

beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: 1,
    seed: 'blind',
    overlap: 1,
  });
  unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  const cora = await s.as('cora');
  await cora.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['documentation'],
    memo: secretMemo,
    quotes: { documentation: secretQuote },
  });
  const cody = await s.as('cody');
  await cody.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['model-usage'],
    memo: 'cody memo',
  });
});
afterEach(() => s.t.close());

describe('blind coding and adjudication', () => {
  test('before the round closes, the adjudicator’s queue and unit view hold nothing of cora’s', async () => {
    const ada = await s.as('ada');
    const queue = await ada.get(base());
    expect((await queue.json()).items).toEqual([]);
    const unit = await ada.get(`${base()}/units/${unitId}`);
    expect(unit.status).toBe(404);
    expect(await unit.text()).not.toContain(secretMemo);
  });

  test('after the round closes with a disagreement, the adjudicator sees both coders’ labels, memos and quotes', async () => {
    const owen = await s.as('owen');
    expect(
      (await (await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`)).json()).summary,
    ).toMatchObject({ disagreed: 1 });
    const ada = await s.as('ada');
    const { items } = await (await ada.get(base())).json();
    expect(items).toHaveLength(1);
    expect(
      items[0].codings.map((c: { username: string; codeIds: string[]; memo: string }) => [
        c.username,
        c.codeIds,
        c.memo,
      ]),
    ).toEqual([
      ['cody', ['model-usage'], 'cody memo'],
      ['cora', ['documentation'], secretMemo],
    ]);
    const detail = await (await ada.get(`${base()}/units/${unitId}`)).json();
    expect(detail.item.codings[1].quotes).toEqual({ documentation: secretQuote });
    // Coders are no adjudicators, even once the codings are visible.
    const cody = await s.as('cody');
    expect((await cody.get(base())).status).toBe(403);
    expect((await cody.get(`${base()}/units/${unitId}`)).status).toBe(403);
  });
});
