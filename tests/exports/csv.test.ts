import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATOR, type Viewer } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { smallStudy, type SmallStudy } from './small-study.ts';

let s: SmallStudy;
beforeAll(async () => {
  s = await smallStudy();
});
afterAll(() => s.t.close());

const lines = (...rows: string[]) => `${rows.join('\r\n')}\r\n`;
// The rows of a CSV (a text cell may hold line breaks: a row starts with its unit and thread).
const records = (csv: string) => csv.split('\r\n').filter((l) => /^\d+,t\d,/.test(l));
const body = (kind: 'codings' | 'final' | 'counts', viewer: Viewer = OPERATOR, period?: 'month' | 'quarter' | 'year') =>
  exportFile(s.t.db, s.studyId, kind, viewer, { period }).body as string;
const member = (name: string, ...roles: ('owner' | 'coder' | 'adjudicator')[]): Viewer => ({
  operator: false,
  userId: s.ids[name]!,
  roles,
});

describe('codings CSV', () => {
  test('the operator gets one row per (unit, coder, code); a coding without labels is one row with an empty code', () => {
    expect(body('codings')).toBe(
      lines(
        'unit,thread,post,coder,code,round,created_at,revision,thread_created_at,post_created_at,text,quoted_text',
        '1,t1,1,cody,docs,Calibration,2024-02-02T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,Docs 👋 are missing for 𝒳 models,',
        '1,t1,1,cora,docs,Calibration,2024-02-01T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,Docs 👋 are missing for 𝒳 models,',
        '2,t2,1,cody,docs,Calibration,2024-02-04T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '2,t2,1,cody,setup,Calibration,2024-02-04T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '2,t2,1,cora,setup,Calibration,2024-02-03T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '3,t2,2,cody,,Calibration,2024-02-06T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,',
        '3,t2,2,cora,,Calibration,2024-02-05T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,',
        '4,t1,2,cora,reuse,Main,2024-02-07T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,See the guide,',
      ),
    );
  });

  test('a coder of the blind study gets their own rows and the other coder’s only for the unit in adjudication', () => {
    expect(body('codings', member('cody', 'coder'))).toBe(
      lines(
        'unit,thread,post,coder,code,round,created_at,revision,thread_created_at,post_created_at,text,quoted_text',
        '1,t1,1,cody,docs,Calibration,2024-02-02T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,Docs 👋 are missing for 𝒳 models,',
        '2,t2,1,cody,docs,Calibration,2024-02-04T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '2,t2,1,cody,setup,Calibration,2024-02-04T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '2,t2,1,cora,setup,Calibration,2024-02-03T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '3,t2,2,cody,,Calibration,2024-02-06T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,',
      ),
    );
  });

  test('the owner of a blind study sees codings only where the round is unblinded or the unit in adjudication', () => {
    const owen = member('owen', 'owner');
    expect(records(body('codings', owen)).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      '2,t2,1,cody,docs',
      '2,t2,1,cody,setup',
      '2,t2,1,cora,setup',
    ]);
    s.t.db.prepare('UPDATE rounds SET unblinded = 1 WHERE id = ?').run(s.rounds.calibration);
    try {
      expect(records(body('codings', owen))).toHaveLength(7);
    } finally {
      s.t.db.prepare('UPDATE rounds SET unblinded = 0 WHERE id = ?').run(s.rounds.calibration);
    }
  });
});

describe('final labels CSV', () => {
  test('one row per (unit, code) with path and origin; adjudicated rows say who, when and why; an empty agreed set is one row', () => {
    expect(body('final')).toBe(
      lines(
        'unit,thread,post,code,code_path,origin,round,settled_by,settled_at,rationale,thread_created_at,post_created_at,text,quoted_text',
        '1,t1,1,docs,Challenge > Documentation gaps,agreement,Calibration,,,,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,Docs 👋 are missing for 𝒳 models,',
        '2,t2,1,setup,Challenge > Environment setup,adjudication,Calibration,ada,2024-03-01T00:00:00.000Z,Docs are not the issue,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '3,t2,2,,,agreement,Calibration,,,,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,',
      ),
    );
  });

  test('a reopened unit has no final labels until it is settled again', () => {
    s.t.db.prepare("UPDATE adjudications SET status = 'reopened' WHERE unit_id = ?").run(s.units[1]);
    const saved = s.t.db.prepare('SELECT * FROM final_labels WHERE unit_id = ?').all(s.units[1]);
    s.t.db.prepare('DELETE FROM final_labels WHERE unit_id = ?').run(s.units[1]);
    try {
      expect(
        body('final')
          .split('\r\n')
          .map((l) => l.split(',')[0]),
      ).toEqual(['unit', '1', '3', '']);
    } finally {
      s.t.db.prepare("UPDATE adjudications SET status = 'settled' WHERE unit_id = ?").run(s.units[1]);
      s.t.db
        .prepare("INSERT INTO final_labels (unit_id, code_id, origin) VALUES (?, 'setup', 'adjudication')")
        .run(s.units[1]);
    }
    expect(saved).toHaveLength(1);
  });

  test('the coder of a blind study may not have it', () => {
    expect(() => body('final', member('cora', 'coder'))).toThrow(/hidden from coders while the study is blind/);
    expect(records(body('final', member('ada', 'adjudicator')))).toHaveLength(3);
  });
});

test('both CSVs carry the unit’s own words and, apart, the words it quotes', () => {
  const post = s.t.db.prepare('SELECT post_id FROM units WHERE id = ?').pluck().get(s.units[2]) as number;
  s.t.db.prepare("UPDATE posts SET quoted_text = 'Windows setup fails' WHERE id = ?").run(post);
  try {
    expect(
      body('codings')
        .split('\r\n')
        .filter((l) => l.startsWith('3,')),
    ).toEqual([
      '3,t2,2,cody,,Calibration,2024-02-06T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,Windows setup fails',
      '3,t2,2,cora,,Calibration,2024-02-05T10:00:00.000Z,1,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,Windows setup fails',
    ]);
    expect(body('final').split('\r\n').at(-2)).toBe(
      '3,t2,2,,,agreement,Calibration,,,,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,Windows setup fails',
    );
  } finally {
    s.t.db.prepare("UPDATE posts SET quoted_text = '' WHERE id = ?").run(post);
  }
});

describe('counts CSV', () => {
  test('per quarter (the default): every code in tree order for every quarter, rolled up, with the direct count and the share of settled units', () => {
    expect(body('counts')).toBe(
      lines(
        'period,period_start,period_end,code,code_path,count,count_direct,coded_units,share',
        '2022-Q1,2022-01-01,2022-03-31,challenge,Challenge,1,0,1,1',
        '2022-Q1,2022-01-01,2022-03-31,docs,Challenge > Documentation gaps,1,1,1,1',
        '2022-Q1,2022-01-01,2022-03-31,setup,Challenge > Environment setup,0,0,1,0',
        '2022-Q1,2022-01-01,2022-03-31,benefit,Benefit,0,0,1,0',
        '2022-Q1,2022-01-01,2022-03-31,reuse,Benefit > Model reuse,0,0,1,0',
        '2022-Q2,2022-04-01,2022-06-30,challenge,Challenge,1,0,2,0.5',
        '2022-Q2,2022-04-01,2022-06-30,docs,Challenge > Documentation gaps,0,0,2,0',
        '2022-Q2,2022-04-01,2022-06-30,setup,Challenge > Environment setup,1,1,2,0.5',
        '2022-Q2,2022-04-01,2022-06-30,benefit,Benefit,0,0,2,0',
        '2022-Q2,2022-04-01,2022-06-30,reuse,Benefit > Model reuse,0,0,2,0',
      ),
    );
  });

  test('per month: the empty months between are zeros with an empty share', () => {
    const rows = body('counts', OPERATOR, 'month').split('\r\n').slice(1, -1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(
      ['01', '02', '03', '04'].flatMap((m) => Array(5).fill(`2022-${m}`)),
    );
    expect(rows.filter((r) => r.startsWith('2022-02,'))[1]).toBe(
      '2022-02,2022-02-01,2022-02-28,docs,Challenge > Documentation gaps,0,0,0,',
    );
  });

  test('per year: one period', () => {
    expect(body('counts', OPERATOR, 'year').split('\r\n')[2]).toBe(
      '2022,2022-01-01,2022-12-31,docs,Challenge > Documentation gaps,1,1,3,0.3333333333333333',
    );
  });
});

test('the thread and post creation dates let a period count be rebuilt from the file alone', () => {
  // Give t1's second post (unit 4) a date of its own, apart from its thread's.
  s.t.db.prepare("UPDATE posts SET created_at = '2022-02-01T08:30:00.000Z' WHERE external_id = 'p1-2'").run();
  try {
    const rows = body('codings').split('\r\n');
    // thread_created_at and post_created_at are the 9th and 10th columns.
    const dates = (row: string) => row.split(',').slice(8, 10);
    expect(rows[0]!.split(',').slice(8, 10)).toEqual(['thread_created_at', 'post_created_at']);
    expect(dates(rows.at(-2)!)).toEqual(['2022-01-10T09:00:00.000Z', '2022-02-01T08:30:00.000Z']);
    expect(dates(rows[1]!)).toEqual(['2022-01-10T09:00:00.000Z', '2022-01-10T09:00:00.000Z']);
  } finally {
    s.t.db.prepare("UPDATE posts SET created_at = '2022-01-10T09:00:00.000Z' WHERE external_id = 'p1-2'").run();
  }
});

test('a text cell a spreadsheet would run as a formula gets a leading apostrophe', () => {
  s.t.db.prepare('UPDATE rounds SET name = \'=HYPERLINK("x")\' WHERE id = ?').run(s.rounds.main);
  try {
    expect(body('codings').split('\r\n').at(-2)).toBe(
      '4,t1,2,cora,reuse,"\'=HYPERLINK(""x"")",2024-02-07T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,See the guide,',
    );
  } finally {
    s.t.db.prepare("UPDATE rounds SET name = 'Main' WHERE id = ?").run(s.rounds.main);
  }
});
