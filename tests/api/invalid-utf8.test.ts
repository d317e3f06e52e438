// A JSON body that is not UTF-8 is refused with 400 and the place it goes wrong, and nothing is
// stored: the server used to swap the bad bytes for U+FFFD and save text the client never sent.
import { isUtf8 } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { invalidUtf8Offset } from '../../apps/api/src/http/utf8.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { origin } from '../support/test-app.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array<ArrayBuffer> =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('invalidUtf8Offset', () => {
  test.each([
    ['plain ASCII', bytes('{"memo":"ok"}'), -1],
    ['two-, three- and four-byte characters', bytes('Grüße € 😀'), -1],
    ['a byte that never occurs (0xFF)', bytes('ab', [0xff]), 2],
    ['a lone continuation byte', bytes('a', [0x80], 'b'), 1],
    ['an overlong "/" (C0 AF)', bytes([0xc0, 0xaf]), 0],
    ['an overlong three-byte form (E0 80 80)', bytes('x', [0xe0, 0x80, 0x80]), 1],
    ['a UTF-16 surrogate (ED A0 80)', bytes('xy', [0xed, 0xa0, 0x80]), 2],
    ['past U+10FFFF (F4 90 80 80)', bytes([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a character cut short at the end (E2 82)', bytes('€', [0xe2, 0x82]), 3],
    ['a lead byte followed by ASCII', bytes([0xe2], 'ab'), 0],
    ['Latin-1 text', bytes('caf', [0xe9]), 3],
  ])('%s', (_, input, expected) => {
    expect(invalidUtf8Offset(input)).toBe(expected);
  });

  test('agrees with Node on 2,000 random byte strings, and everything before the offset is UTF-8', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    };
    for (let n = 0; n < 2000; n++) {
      const input = Uint8Array.from({ length: 1 + (n % 12) }, () => (n % 3 === 0 ? next() : 0x80 + (next() % 0x78)));
      const offset = invalidUtf8Offset(input);
      expect(offset === -1, Buffer.from(input).toString('hex')).toBe(isUtf8(input));
      if (offset !== -1) expect(isUtf8(input.subarray(0, offset))).toBe(true);
    }
  });
});

describe('a JSON body that is not UTF-8', () => {
  let s: CodingStudy;
  let unitId: number;
  beforeEach(async () => {
    s = await codingStudy();
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 1, seed: 'u', overlap: 1 });
    unitId = s.t.db.prepare('SELECT id FROM units').pluck().get() as number;
  });
  afterEach(() => s.t.close());

  const put = async (body: Uint8Array<ArrayBuffer>) => {
    const cora = await s.as('cora');
    const res = await s.t.app.request(`${origin}/api/studies/${s.studyId}/units/${unitId}/coding`, {
      method: 'PUT',
      headers: { origin, cookie: cora.cookie, 'content-type': 'application/json' },
      body,
    });
    return { res, cora };
  };

  test('is refused with 400, where it goes wrong, and nothing is stored or audited', async () => {
    const body = bytes('{"codeIds":["documentation"],\n"memo":"caf', [0xe9], '"}');
    const { res, cora } = await put(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'request.invalid_utf8',
        message:
          'The request body is not valid UTF-8: byte 41 (0xE9, line 2) does not start a UTF-8 character. Send text as UTF-8.',
        where: { field: 'body', line: 2 },
      },
    });
    expect(s.t.db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0);
    expect(s.t.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'coding'").pluck().get()).toBe(0);
    expect((await (await cora.get(`/api/studies/${s.studyId}/units/${unitId}`)).json()).coding).toBeNull();
  });

  test('the same text sent as UTF-8 is stored as sent', async () => {
    const { res } = await put(bytes('{"codeIds":["documentation"],\n"memo":"café 😀"}'));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(s.t.db.prepare('SELECT memo FROM codings').pluck().get()).toBe('café 😀');
  });
});
