import { toCsv, type Code, type Codebook } from '@threadcoder/taxonomy';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { settleAdjudication } from '../../apps/api/src/db/adjudications.ts';
import { agreementSummary } from '../../apps/api/src/db/agreement.ts';
import { agreementCsv } from '../../apps/api/src/exports/agreement-csv.ts';
import { createKeywordGroup } from '../../apps/api/src/db/analysis-keyword-groups.ts';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { createCodebook } from '../../apps/api/src/db/codebooks.ts';
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { OPERATOR } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { loggedIn, type Agent } from '../support/agent.ts';
import { insertForum, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

// Every CSV the app writes defuses spreadsheet formulas (OWASP "CSV injection"): a text cell
// starting with = + - @, tab or CR gets a leading apostrophe, so Excel, LibreOffice and Sheets
// show it as text. Numbers stay numbers, negative ones included. The study below puts such
// text in every user-written field an export carries: user and display names, code names and
// definitions, round names, thread ids, the adjudicator's rationale, keyword groups.

const hostile = {
  codeName: '=HYPERLINK("http://evil.example","click")',
  childName: '+Docs',
  otherChild: '-Setup',
  definition: '=1+1',
  include: '\tinclude',
  exclude: '\rexclude',
  round: '@SUM(A1:A9)',
  thread: '=42+1',
  displayName: "=cmd|' /C calc'!A0",
  username: '-cora',
  rationale: '-Docs are not the issue',
  group: '=SUM(1)',
  term: '-docs',
};

function code(id: string, parentId: string | null, position: number, name: string, extra: Partial<Code> = {}): Code {
  return {
    id,
    parentId,
    position,
    dimension: parentId ?? id,
    name,
    definition: '',
    includeNote: '',
    excludeNote: '',
    examples: [],
    color: null,
    shortcut: null,
    status: 'active',
    codable: parentId !== null,
    ...extra,
  };
}

const codebook: Codebook = {
  name: 'Hostile codebook',
  description: '',
  templateId: null,
  version: 1,
  codes: [
    code('challenge', null, 0, hostile.codeName),
    code('docs', 'challenge', 0, hostile.childName, {
      definition: hostile.definition,
      includeNote: hostile.include,
      excludeNote: hostile.exclude,
    }),
    code('setup', 'challenge', 1, hostile.otherChild),
  ],
};

let t: TestApp;
let studyId: number;
let owner: Agent;

/**
 * Four post units of one closed round, each coded docs by one coder and setup by the other,
 * so Cohen's kappa is negative (observed agreement 0 < chance agreement 1/2). Two are settled.
 */
beforeAll(async () => {
  t = makeTestApp();
  const owen = (await addUser(t.db, 'owen')).id;
  const cora = (await addUser(t.db, hostile.username)).id;
  const cody = (await addUser(t.db, 'cody')).id;
  t.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(hostile.displayName, cora);
  studyId = addStudy(t.db, owen, [
    [cora, 'coder'],
    [cody, 'coder'],
  ]);
  const forum = insertForum(t.db, [
    { title: 'Docs', createdAt: '2022-01-10T09:00:00.000Z', posts: ['The docs are missing', 'Setup fails'] },
    {
      title: 'Setup',
      createdAt: '2022-04-05T12:00:00.000Z',
      posts: ['Install breaks', 'Setup: the setup script fails'],
    },
  ]);
  t.db.prepare('UPDATE threads SET external_id = ? WHERE id = ?').run(hostile.thread, forum.threadIds[0]);
  selectAllThreads(t.db, studyId);
  const book = createCodebook(t.db, codebook, owen, 'test');
  pinCodebook(t.db, studyId, book);
  const round = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  t.db.prepare('UPDATE rounds SET name = ? WHERE id = ?').run(hostile.round, round);
  const units = insertUnits(
    t.db,
    studyId,
    round,
    forum.postIds.flatMap((posts, i) =>
      posts.map((postId) => ({ threadId: forum.threadIds[i]!, postId, coderIds: [cora, cody] })),
    ),
    owen,
    {},
  );
  units.forEach((unitId, i) => {
    const [a, b] = i % 2 ? ['setup', 'docs'] : ['docs', 'setup'];
    saveCoding(t.db, studyId, unitId, cora, book.versionId, { codeIds: [a!], memo: '', unsure: false, quotes: {} });
    saveCoding(t.db, studyId, unitId, cody, book.versionId, { codeIds: [b!], memo: '', unsure: false, quotes: {} });
  });
  closeRound(t.db, studyId, round, owen);
  settleAdjudication(t.db, studyId, units[0]!, owen, { codeIds: ['docs'], rationale: hostile.rationale });
  settleAdjudication(t.db, studyId, units[3]!, owen, { codeIds: ['setup', 'docs'], rationale: 'Both' });
  createKeywordGroup(t.db, studyId, owen, { name: hostile.group, terms: [hostile.term] });
  owner = await loggedIn(t.app, 'owen');
});
afterAll(() => t.close());

/** The cells of a CSV file, header included. */
const cells = (csv: string): string[] => (parse(csv, { relaxColumnCount: false }) as string[][]).flat();

/** No cell a spreadsheet would run: each starts harmlessly or is a plain (negative) number. */
function expectNoFormula(csv: string): void {
  const live = cells(csv).filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?(e[+-]?\d+)?$/.test(cell));
  expect(live).toEqual([]);
}

/** `text` is in the file, defused: exactly once-prefixed with an apostrophe, as a whole cell or a cell's start. */
function expectDefused(csv: string, text: string): void {
  const all = cells(csv);
  expect(
    all.some((cell) => cell.startsWith(`'${text}`)),
    `${JSON.stringify(text)} missing or not defused`,
  ).toBe(true);
  expect(all.some((cell) => cell.startsWith(text))).toBe(false);
}

const study = (kind: 'codings' | 'final' | 'counts') =>
  exportFile(t.db, studyId, kind, OPERATOR, { period: 'quarter' }).body as string;

describe('exports', () => {
  test('codings CSV: user names, round names and thread ids', () => {
    const csv = study('codings');
    expectNoFormula(csv);
    for (const text of [hostile.username, hostile.round, hostile.thread]) expectDefused(csv, text);
    // The row, byte for byte: the unit id and post number stay numbers.
    expect(csv.split('\r\n')[1]).toMatch(/^1,'=42\+1,1,'-cora,docs,'@SUM\(A1:A9\),/);
  });

  test('final labels CSV: code paths, round names, user names and the rationale', () => {
    const csv = study('final');
    expectNoFormula(csv);
    for (const text of [hostile.codeName, hostile.round, hostile.rationale, hostile.thread]) expectDefused(csv, text);
    expect(csv).toContain(`,"'${hostile.codeName.replace(/"/g, '""')} > +Docs",`);
  });

  test('counts CSV: code paths', () => {
    const csv = study('counts');
    expectNoFormula(csv);
    expectDefused(csv, hostile.codeName);
  });

  test('agreement CSV: round names defused, a negative kappa written as a number', () => {
    const csv = agreementCsv(agreementSummary(t.db, studyId, OPERATOR));
    expectNoFormula(csv);
    expectDefused(csv, hostile.round);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const kappa = rows.find((r) => r.scope === 'pair' && r.statistic === 'cohen_kappa')!;
    // Observed agreement 0, chance agreement (1/2·1/2 + 1/2·1/2) = 1/2: kappa = (0 − 1/2) / (1 − 1/2) = −1.
    expect(kappa.value).toBe('-1');
  });

  test('codebook CSV: names, definitions and notes', async () => {
    const csv = toCsv(codebook);
    expectNoFormula(csv);
    for (const text of [
      hostile.codeName,
      hostile.childName,
      hostile.otherChild,
      hostile.definition,
      hostile.include,
      hostile.exclude,
    ])
      expectDefused(csv, text);
    // The file the API serves is the same.
    const res = await owner.get(`/api/studies/${studyId}/codebook/export?format=csv`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(csv);
  });
});

describe('analysis CSVs', () => {
  const analysis: [string, string[]][] = [
    ['counts.csv', [hostile.codeName, hostile.displayName]],
    ['trend.csv', [hostile.codeName]],
    ['tests.csv', [hostile.codeName]],
    ['cooccurrence.csv', [hostile.childName, hostile.otherChild]],
    ['terms.csv', [hostile.otherChild]],
    ['mentions.csv', [hostile.group, hostile.term]],
    ['mention-correlations.csv', [hostile.group]],
  ];
  test.each(analysis)('%s', async (file, texts) => {
    const res = await owner.get(`/api/studies/${studyId}/analysis/${file}?granularity=quarter`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expectNoFormula(csv);
    for (const text of texts) expectDefused(csv, text);
  });
});
