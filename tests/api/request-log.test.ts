import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, expect, test, vi } from 'vitest';
import { jsonLog } from '../../apps/api/src/http/request-log.ts';

afterEach(() => vi.restoreAllMocks());

test('log lines written in the same turn of the event loop go out in one write, in order', async () => {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jsonLog({ path: '/a', status: 200 });
  jsonLog({ path: '/b', status: 404 });
  expect(write).not.toHaveBeenCalled();
  await nextTurn();
  expect(write.mock.calls).toEqual([['{"path":"/a","status":200}\n{"path":"/b","status":404}\n']]);
  jsonLog({ path: '/c', status: 201 });
  await nextTurn();
  expect(write.mock.calls[1]).toEqual(['{"path":"/c","status":201}\n']);
});
