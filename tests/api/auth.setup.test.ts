// First-run setup: exactly one administrator, and only for whoever has the code the server printed.
import { afterEach, expect, test } from 'vitest';
import { countAdmins } from '../../apps/api/src/db/users.ts';
import { Agent } from '../support/agent.ts';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const account = (username: string, setupCode?: string) => ({
  ...(setupCode === undefined ? {} : { setupCode }),
  username,
  displayName: username,
  password: 'a long enough password',
});

test('twenty concurrent setups on a fresh instance: exactly one 201, the rest 409, one administrator', async () => {
  t = makeTestApp({ setupCode: 'K7QM-2XRD-9TWB' });
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      new Agent(t.app).post('/api/auth/setup', account(`admin${i}`, 'K7QM-2XRD-9TWB')),
    ),
  );
  const statuses = answers.map((r) => r.status).sort();
  expect(statuses).toEqual([201, ...Array(19).fill(409)]);
  expect(countAdmins(t.db)).toBe(1);
  const refused = await answers.find((r) => r.status === 409)!.json();
  expect(refused.error).toMatchObject({
    code: 'auth.setup_done',
    message: 'This instance already has an administrator. Please log in.',
  });
});

test.each([
  ['a missing code', undefined],
  ['a wrong code', 'AAAA-BBBB-CCCC'],
  ['an empty code', ''],
])('%s: 403 naming the console, and no account', async (_, code) => {
  t = makeTestApp({ setupCode: 'K7QM-2XRD-9TWB' });
  const res = await new Agent(t.app).post('/api/auth/setup', account('mallory', code));
  expect(res.status).toBe(403);
  expect((await res.json()).error).toMatchObject({
    code: 'auth.setup_code',
    message: 'The setup code is wrong or missing: copy it from the server console, where npm start printed it.',
    where: { field: 'setupCode' },
  });
  expect(t.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
});

test('the code is compared without regard to case or surrounding spaces', async () => {
  t = makeTestApp({ setupCode: 'K7QM-2XRD-9TWB' });
  expect((await new Agent(t.app).post('/api/auth/setup', account('root', '  k7qm-2xrd-9twb '))).status).toBe(201);
});

test('a server with no code (it started with an administrator) refuses setup with what to do', async () => {
  t = makeTestApp();
  const res = await new Agent(t.app).post('/api/auth/setup', account('root', 'K7QM-2XRD-9TWB'));
  expect(res.status).toBe(403);
  expect((await res.json()).error.message).toBe(
    'No setup code is active: restart the server (it prints one while no administrator exists) or run `npm run cli -- user add <name> --admin`.',
  );
});
