import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addMember } from '../../apps/api/src/db/studies.ts';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// Adjudication without closing for good: finished units go to adjudication while the round stays
// open (blind for coders who do not adjudicate), a closed round reopens, and incomplete units are
// offered to another round or other coders.

const secretMemo = 'SECRET-MEMO-OF-CORA';

let s: CodingStudy;
let units: number[];
let owen: Agent;
let cora: Agent;
let cody: Agent;
let ada: Agent;
const path = (rest: string) => `/api/studies/${s.studyId}${rest}`;
const put = (agent: Agent, unitId: number, codeIds: string[], memo = '') =>
  agent.request('PUT', path(`/units/${unitId}/coding`), { codeIds, memo });
const count = (sql: string, ...args: unknown[]) =>
  s.t.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

beforeEach(async () => {
  s = await codingStudy();
  owen = await s.as('owen');
  await owen.post(path('/sampling/draw'), { roundId: s.roundId, size: 4, seed: 'open-adj', overlap: 1 });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  [cora, cody, ada] = [await s.as('cora'), await s.as('cody'), await s.as('ada')];
  // Unit 0: both coded, disagreeing. Unit 1: both coded, agreeing. Units 2 and 3: only cora.
  await put(cora, units[0]!, ['documentation'], secretMemo);
  await put(cody, units[0]!, ['model-usage']);
  await put(cora, units[1]!, ['dataset']);
  await put(cody, units[1]!, ['dataset']);
  await put(cora, units[2]!, ['dataset']);
  await put(cora, units[3]!, ['dataset']);
});
afterEach(() => s.t.close());

describe('adjudicating the finished units of an open round', () => {
  test('finished units enter adjudication or get final labels; the round stays open and the rest go on', async () => {
    const waiting = await (await ada.get(path('/adjudication/waiting'))).json();
    expect(waiting.rounds).toEqual([{ roundId: s.roundId, name: 'Main', status: 'open', ready: 2, missing: 2 }]);

    const res = await ada.post(path(`/rounds/${s.roundId}/adjudicate-finished`));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary).toEqual({ agreed: 1, disagreed: 1, incomplete: 2 });
    expect(body.round.status).toBe('open');

    const queue = await (await ada.get(path('/adjudication'))).json();
    expect(queue.items.map((i: { unitId: number }) => i.unitId)).toEqual([units[0]]);
    // The adjudicator sees both codings side by side.
    expect(
      queue.items[0].codings.map((c: { username: string; codeIds: string[] }) => `${c.username}:${c.codeIds}`),
    ).toEqual(['cody:model-usage', 'cora:documentation']);
    expect(s.t.db.prepare('SELECT code_id FROM final_labels WHERE unit_id = ?').pluck().all(units[1])).toEqual([
      'dataset',
    ]);
    const after = await (await ada.get(path('/adjudication/waiting'))).json();
    expect(after.rounds[0]).toMatchObject({ ready: 0, missing: 2 });
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'round.adjudicate_finished'")).toBe(1);

    // Handed-over units are settled: their codings no longer change. The others can still be coded.
    const locked = await put(cody, units[0]!, ['documentation']);
    expect(locked.status).toBe(409);
    expect((await locked.json()).error.code).toBe('coding.handed_over');
    expect((await put(cody, units[2]!, ['dataset'])).status).toBe(200);
  });

  test('a coder who does not adjudicate stays blind to a unit in adjudication until the round closes', async () => {
    await ada.post(path(`/rounds/${s.roundId}/adjudicate-finished`));
    const routes = [
      ...new Set(s.t.app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/')).map((r) => r.path)),
    ];
    const fill = (route: string) =>
      route.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) =>
        String({ studyId: s.studyId, unitId: units[0], roundId: s.roundId, userId: s.ids.cora }[name] ?? 1),
      );
    const leaks = async (agent: Agent) => {
      const found: string[] = [];
      for (const route of routes)
        for (const query of ['', '?format=json', '?format=csv'])
          if ((await (await agent.get(fill(route) + query)).text()).includes(secretMemo)) found.push(route + query);
      return found;
    };
    expect(await leaks(cody)).toEqual([]);
    expect(await leaks(ada)).toContain('/api/studies/:studyId/adjudication');
    // The codings file: cody's own two while the round is open, plus cora's of the disputed unit once it closes.
    const visibleToCody = async () => (await (await cody.get(path('/exports'))).json()).codings;
    expect(await visibleToCody()).toBe(2);
    await owen.post(path(`/rounds/${s.roundId}/close`));
    expect(await visibleToCody()).toBe(3);
  });

  test('only owners and adjudicators start it; a closed round answers 409', async () => {
    expect((await cora.post(path(`/rounds/${s.roundId}/adjudicate-finished`))).status).toBe(403);
    await owen.post(path(`/rounds/${s.roundId}/close`));
    const res = await owen.post(path(`/rounds/${s.roundId}/adjudicate-finished`));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('round.already_closed');
  });

  test('closing later hands over only what is left; settled adjudications keep their labels', async () => {
    await ada.post(path(`/rounds/${s.roundId}/adjudicate-finished`));
    await ada.post(path(`/adjudication/units/${units[0]}/settle`), {
      codeIds: ['documentation'],
      rationale: 'Asks for docs.',
    });
    await put(cody, units[2]!, ['model-usage']);
    const closed = await (await owen.post(path(`/rounds/${s.roundId}/close`))).json();
    expect(closed.summary).toEqual({ agreed: 0, disagreed: 1, incomplete: 1 });
    expect(s.t.db.prepare("SELECT unit_id || ':' || status FROM adjudications ORDER BY unit_id").pluck().all()).toEqual(
      [`${units[0]}:settled`, `${units[2]}:open`],
    );
    expect(s.t.db.prepare('SELECT origin FROM final_labels WHERE unit_id = ?').pluck().all(units[0])).toEqual([
      'adjudication',
    ]);
  });
});

describe('someone who also codes in the open blind round', () => {
  // ada adjudicates and owen owns the study; both get a unit of round Main to code as well.
  beforeEach(() => {
    const assign = s.t.db.prepare(
      "INSERT INTO assignments (unit_id, user_id, assigned_at) VALUES (?, ?, '2026-12-07')",
    );
    for (const [name, unit] of [
      ['ada', units[2]!],
      ['owen', units[3]!],
    ] as const) {
      addMember(s.t.db, s.studyId, s.ids[name]!, 'coder');
      assign.run(unit, s.ids[name]);
    }
  });

  test('is told the round is withheld instead of how far the others are', async () => {
    const waiting = await (await ada.get(path('/adjudication/waiting'))).json();
    expect(waiting).toEqual({ rounds: [], withheld: [{ id: s.roundId, name: 'Main' }] });
    s.t.db.prepare('DELETE FROM assignments WHERE user_id = ?').run(s.ids.owen);
    const owner = await (await owen.get(path('/adjudication/waiting'))).json();
    expect(owner).toEqual({
      rounds: [{ roundId: s.roundId, name: 'Main', status: 'open', ready: 2, missing: 2 }],
      withheld: [],
    });
  });

  test('finds none of its units in the queue, whoever handed them over: that they are there tells who finished', async () => {
    s.t.db.prepare('DELETE FROM assignments WHERE user_id = ?').run(s.ids.owen);
    expect((await owen.post(path(`/rounds/${s.roundId}/adjudicate-finished`))).status).toBe(200);
    expect((await (await owen.get(path('/adjudication'))).json()).items).toHaveLength(1);
    expect(await (await ada.get(path('/adjudication'))).json()).toEqual({ items: [], nextCursor: null });
    for (const rest of ['', '/posts']) {
      const res = await ada.get(path(`/adjudication/units/${units[0]}${rest}`));
      expect([rest, res.status]).toEqual([rest, 404]);
    }
    const settle = { codeIds: ['dataset'], rationale: 'mine' };
    expect((await ada.post(path(`/adjudication/units/${units[0]}/settle`), settle)).status).toBe(404);
    expect(count('SELECT count(*) FROM final_labels WHERE unit_id = ?', units[0])).toBe(0);
    expect((await owen.post(path(`/adjudication/units/${units[0]}/settle`), settle)).status).toBe(200);
    expect((await ada.post(path(`/adjudication/units/${units[0]}/reopen`))).status).toBe(404);
    expect(count("SELECT count(*) FROM adjudications WHERE unit_id = ? AND status = 'settled'", units[0])).toBe(1);
  });

  test('may not hand over its finished units nor offer its incomplete ones, which would tell the same', async () => {
    const start = await ada.post(path(`/rounds/${s.roundId}/adjudicate-finished`));
    expect(start.status).toBe(403);
    expect((await start.json()).error.code).toBe('round.withheld');
    expect(count('SELECT count(*) FROM units WHERE handed_over_at IS NOT NULL')).toBe(0);
    const offer = await owen.post(path(`/rounds/${s.roundId}/incomplete`), { toRoundId: s.roundId });
    expect(offer.status).toBe(403);
    expect((await offer.json()).error.code).toBe('round.withheld');
    expect(count("SELECT count(*) FROM audit_log WHERE action LIKE 'round.%'")).toBe(0);
  });
});

describe('reopening a closed round', () => {
  test('the owner reopens it (audited); incomplete units can be finished, handed-over ones stay settled', async () => {
    await owen.post(path(`/rounds/${s.roundId}/close`));
    expect((await ada.post(path(`/rounds/${s.roundId}/reopen`))).status).toBe(403);
    expect((await cody.post(path(`/rounds/${s.roundId}/reopen`))).status).toBe(403);
    const res = await owen.post(path(`/rounds/${s.roundId}/reopen`));
    expect(res.status).toBe(200);
    expect((await res.json()).round).toMatchObject({ status: 'open', closedAt: null });
    const audit = s.t.db
      .prepare(
        "SELECT user_id AS userId, before_json AS b, after_json AS a FROM audit_log WHERE action = 'round.reopen'",
      )
      .get() as { userId: number; b: string; a: string };
    expect(audit.userId).toBe(s.ids.owen);
    expect(JSON.parse(audit.b)).toMatchObject({ status: 'closed' });
    expect(JSON.parse(audit.a)).toEqual({ status: 'open' });

    expect((await put(cody, units[2]!, ['dataset'])).status).toBe(200);
    expect((await put(cody, units[0]!, ['documentation'])).status).toBe(409);
    const closed = await (await owen.post(path(`/rounds/${s.roundId}/close`))).json();
    expect(closed.summary).toEqual({ agreed: 1, disagreed: 0, incomplete: 1 });
  });

  test('an open round cannot be reopened', async () => {
    const res = await owen.post(path(`/rounds/${s.roundId}/reopen`));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('round.already_open');
  });
});

describe('offering incomplete units again', () => {
  let nextRound: number;
  beforeEach(async () => {
    await owen.post(path(`/rounds/${s.roundId}/close`));
    const created = await owen.post(path('/rounds'), { name: 'Mop-up', kind: 'main' });
    nextRound = (await created.json()).round.id;
  });

  test('into a new round: the units move with their codings and assignments', async () => {
    const res = await owen.post(path(`/rounds/${s.roundId}/incomplete`), { toRoundId: nextRound });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ units: 2, reassigned: 0 });
    expect(s.t.db.prepare('SELECT id FROM units WHERE round_id = ? ORDER BY id').pluck().all(nextRound)).toEqual([
      units[2],
      units[3],
    ]);
    const codyUnits = await (await cody.get(path(`/rounds/${nextRound}/my-units`))).json();
    expect(codyUnits.units.map((u: { unitId: number; coded: boolean }) => [u.unitId, u.coded])).toEqual([
      [units[2], false],
      [units[3], false],
    ]);
    const coraUnits = await (await cora.get(path(`/rounds/${nextRound}/my-units`))).json();
    expect(coraUnits.units.every((u: { coded: boolean }) => u.coded)).toBe(true);
    expect((await put(cody, units[2]!, ['dataset'])).status).toBe(200);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'round.move_incomplete'")).toBe(1);
  });

  test('to other coders: those who did not code a unit give it up to the ones named', async () => {
    const nina = s.ids.nina!;
    await owen.post(path('/members'), { userId: nina, role: 'coder' });
    const res = await owen.post(path(`/rounds/${s.roundId}/incomplete`), { toRoundId: nextRound, coderIds: [nina] });
    expect(await res.json()).toEqual({ units: 2, reassigned: 2 });
    expect(
      s.t.db.prepare('SELECT user_id FROM assignments WHERE unit_id = ? ORDER BY user_id').pluck().all(units[2]),
    ).toEqual([s.ids.cora, nina].sort((a, b) => a! - b!));
    const ninaAgent = await s.as('nina');
    expect((await put(ninaAgent, units[2]!, ['dataset'])).status).toBe(200);
    expect((await put(cody, units[3]!, ['dataset'])).status).toBe(403);
  });

  test.each([
    [{ toRoundId: 0 }, 404, 'not_found'],
    [{ toRoundId: -1, coderIds: [1, 1] }, 400, 'request.invalid_json'],
  ])('refuses %o', async (body, status, code) => {
    const res = await owen.post(path(`/rounds/${s.roundId}/incomplete`), body);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });

  test('a closed target round and a stranger as coder are refused with their fields', async () => {
    const closed = await owen.post(path(`/rounds/${s.roundId}/incomplete`), { toRoundId: s.roundId });
    expect(closed.status).toBe(409);
    expect((await closed.json()).error.where.field).toBe('toRoundId');
    const stranger = await owen.post(path(`/rounds/${s.roundId}/incomplete`), {
      toRoundId: nextRound,
      coderIds: [s.ids.nina],
    });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error.where.field).toBe('coderIds');
    expect(s.t.db.prepare('SELECT count(*) FROM units WHERE round_id = ?').pluck().get(nextRound)).toBe(0);
    expect((await cora.post(path(`/rounds/${s.roundId}/incomplete`), { toRoundId: nextRound })).status).toBe(403);
  });
});
