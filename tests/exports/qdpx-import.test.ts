import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATOR } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { importQdpxStudy } from '../../apps/api/src/qdpx-import/import-study.ts';
import { readQdpx } from '../../apps/api/src/qdpx-import/read-qdpx.ts';
import { smallStudy, type SmallStudy } from './small-study.ts';

// Round trip: a study's .qdpx, imported into a fresh instance holding the same forum as a new
// study, exports again to the same project: codebook, codings, quotes, memos and final labels
// equal, modulo guids, unit numbers and timestamps.
let from: SmallStudy;
let to: SmallStudy;
const now = new Date('2024-05-01T12:00:00.000Z');
const qdpxOf = (s: SmallStudy, studyId: number) =>
  exportFile(s.t.db, studyId, 'qdpx', OPERATOR, { now }).body as Uint8Array;
beforeAll(async () => {
  from = await smallStudy();
  to = await smallStudy();
});
afterAll(() => {
  from.t.close();
  to.t.close();
});

/** project.qde without what differs by design: guids, unit numbers in names, creation times. */
const comparable = (bytes: Uint8Array) =>
  strFromU8(unzipSync(bytes)['project.qde']!)
    .replace(/(guid|GUID|creatingUser|plainTextPath)="[^"]*"/g, '$1=""')
    .replace(/Unit \d+/g, 'Unit N')
    .replace(/creationDateTime="[^"]*"/g, 'creationDateTime=""')
    .replace(/final labels \((agreement|adjudication)\)/g, 'final labels');

describe('importing a .qdpx as a new study', () => {
  test('export → import into another instance → export gives the same project', () => {
    const first = qdpxOf(from, from.studyId);
    const owen = to.ids.owen!;
    const result = importQdpxStudy(to.t.db, readQdpx(first), owen);
    expect(result).toMatchObject({ units: 3, codings: 5, finals: 2, createdUsers: [] });
    expect(result.studyId).not.toBe(to.studyId);
    const again = qdpxOf(to, result.studyId);
    expect(readQdpx(again)).toEqual(readQdpx(first));
    expect(comparable(again)).toBe(comparable(first));
  });

  test('a unit whose thread this instance lacks refuses the import and writes nothing', () => {
    const first = qdpxOf(from, from.studyId);
    const project = readQdpx(first);
    project.units[0]!.threadExternalId = 'no-such-thread';
    const studies = () => to.t.db.prepare('SELECT count(*) FROM studies').pluck().get();
    const before = studies();
    expect(() => importQdpxStudy(to.t.db, project, to.ids.owen!)).toThrow(
      `1 units match no thread or post here (import the forum first): thread no-such-thread of ${project.units[0]!.sourceName} is not imported here.`,
    );
    expect(studies()).toBe(before);
  });

  test('a coder this instance lacks is created, locked, as a member', () => {
    const project = readQdpx(qdpxOf(from, from.studyId));
    for (const u of project.units) for (const c of u.codings) if (c.username === 'cody') c.username = 'newcomer';
    const result = importQdpxStudy(to.t.db, project, to.ids.owen!);
    expect(result.createdUsers).toEqual(['newcomer']);
    const user = to.t.db.prepare("SELECT password_hash AS hash FROM users WHERE username = 'newcomer'").get();
    expect(user).toEqual({ hash: 'locked' });
    const role = to.t.db
      .prepare(
        "SELECT role FROM study_members m JOIN users u ON u.id = m.user_id WHERE u.username = 'newcomer' AND study_id = ?",
      )
      .pluck()
      .get(result.studyId);
    expect(role).toBe('coder');
  });
});

describe('POST /api/qdpx-imports', () => {
  test('an importer imports a .qdpx as a study they own; others get 403; a file that is no zip is refused', async () => {
    const cora = await to.as('cora');
    const qdpx = Buffer.from(qdpxOf(from, from.studyId)).toString('base64');
    expect((await cora.post('/api/qdpx-imports', { qdpx })).status).toBe(403);
    // It may create accounts for the project's coders: the importer right an administrator grants.
    to.t.db.prepare('UPDATE users SET is_importer = 1 WHERE id = ?').run(to.ids.cora);
    const res = await cora.post('/api/qdpx-imports', { qdpx });
    expect(res.status).toBe(201);
    const { studyId, units } = await res.json();
    expect(units).toBe(3);
    const roles = to.t.db
      .prepare('SELECT role FROM study_members WHERE study_id = ? AND user_id = ? ORDER BY role')
      .pluck()
      .all(studyId, to.ids.cora);
    expect(roles).toEqual(['coder', 'owner']);
    const bad = await cora.post('/api/qdpx-imports', { qdpx: Buffer.from('not a zip').toString('base64') });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('The file is not a .qdpx (a zip archive).');
  });
});
