import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// Blind coding is a server rule: no route may hand one coder's coding to another coder
// while the study is blind, the round is not unblinded and the unit is not in adjudication.
// This walks every GET route the app has (so routes added later are covered too), calls it
// as the other coder, and looks for coder A's secret memo and quote in the answer.

const secretMemo = 'SECRET-MEMO-OF-CORA';
// A quote's text is the post's own (anyone on the unit reads it); what is cora's is her choice of it, its offsets.
const secretQuote = { text: 'of thread', start: 7, end: 16 };
const secretQuoteJson = '"start":7,"end":16';

let s: CodingStudy;
let unitId: number;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: 3,
    seed: 'blind',
    overlap: 1,
  });
  unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  const cora = await s.as('cora');
  const res = await cora.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['documentation'],
    memo: secretMemo,
    quotes: { documentation: secretQuote },
  });
  expect(res.status).toBe(200);
});
afterEach(() => s.t.close());

function getRoutes(): string[] {
  const paths = s.t.app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/')).map((r) => r.path);
  return [...new Set(paths)];
}

function fill(path: string): string {
  const values: Record<string, number | string> = {
    studyId: s.studyId,
    unitId,
    roundId: s.roundId,
    userId: s.ids.cora!,
    coderId: s.ids.cora!,
  };
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => String(values[name] ?? 1));
}

describe('blind coding', () => {
  test('the walk covers the coding routes', () => {
    const routes = getRoutes();
    expect(routes).toContain('/api/studies/:studyId/units/:unitId');
    expect(routes).toContain('/api/studies/:studyId/progress');
  });

  test.each(['cody', 'ada', 'owen'])(
    'no GET route shows cora’s coding to %s while the study is blind',
    async (viewer) => {
      const agent = await s.as(viewer);
      for (const route of getRoutes()) {
        for (const query of ['', '?format=json', '?format=csv']) {
          const res = await agent.get(fill(route) + query);
          const body = await res.text();
          expect(body, `${route}${query} leaked cora's memo to ${viewer}`).not.toContain(secretMemo);
          expect(body, `${route}${query} leaked cora's quote to ${viewer}`).not.toContain(secretQuoteJson);
        }
      }
    },
  );

  test('the unit page gives another coder only their own coding', async () => {
    const cody = await s.as('cody');
    const unit = await (await cody.get(`/api/studies/${s.studyId}/units/${unitId}`)).json();
    expect(unit.coding).toBeNull();
  });
});
