// `threadcoder user`: the operator's way to add importers, grant and revoke the right, reset a
// password and disable an account; the last two end the user's sessions at once.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { verifyPassword } from '../../apps/api/src/auth/password.ts';
import { createSession, findSessionUser } from '../../apps/api/src/auth/sessions.ts';
import { run } from '../../apps/api/src/cli/user.ts';
import { findUserByName } from '../../apps/api/src/db/users.ts';
import { captureOutput } from '../support/capture-output.ts';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let output: ReturnType<typeof captureOutput>;
beforeEach(async () => {
  t = makeTestApp();
  await addUser(t.db, 'alice');
  vi.stubEnv('THREADCODER_DB', t.dbPath);
  output = captureOutput();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  t.close();
});

const user = (name: string) => findUserByName(t.db, name)!;

describe('threadcoder user', () => {
  test('add --importer makes an importer, and list shows the rights', async () => {
    expect(await run(['add', 'ivan', '--importer'])).toBe(0);
    expect(output.stdout()).toMatch(/^Created importer "ivan"\.\nPassword \(shown once\): [A-Za-z0-9_-]{16}\n$/);
    expect(user('ivan')).toMatchObject({ isImporter: true, isAdmin: false });
    output.clear();
    expect(await run(['list'])).toBe(0);
    expect(output.stdout()).toBe('alice\talice\nivan\tivan\timporter\n');
  });

  test('grant and revoke the importer right on an existing user', async () => {
    expect(await run(['grant', 'alice', 'importer'])).toBe(0);
    expect(user('alice').isImporter).toBe(true);
    expect(await run(['revoke', 'alice', 'importer'])).toBe(0);
    expect(user('alice').isImporter).toBe(false);
    expect(output.stdout()).toBe('"alice" may now import and collect.\n"alice" may no longer import and collect.\n');
    expect(await run(['grant', 'alice', 'admin'])).toBe(2);
    expect(await run(['grant', 'nobody', 'importer'])).toBe(2);
    expect(output.stderr()).toMatch(/There is no user named "nobody"\.\n$/);
  });

  test('passwd sets a new password and ends the sessions', async () => {
    const { token } = createSession(t.db, user('alice').id, 3600_000);
    expect(await run(['passwd', 'alice'])).toBe(0);
    const printed = /Password \(shown once\): (\S+)/.exec(output.stdout())![1]!;
    expect(await verifyPassword(printed, user('alice').passwordHash)).toBe(true);
    expect(findSessionUser(t.db, token)).toBeNull();
  });

  test('disable ends the sessions; enable lets the account log in again', async () => {
    const { token } = createSession(t.db, user('alice').id, 3600_000);
    expect(await run(['disable', 'alice'])).toBe(0);
    expect(findSessionUser(t.db, token)).toBeNull();
    expect(user('alice').disabled).toBe(true);
    expect(await run(['enable', 'alice'])).toBe(0);
    expect(user('alice').disabled).toBe(false);
    expect(output.stdout()).toBe('Disabled "alice"; their sessions have ended.\nEnabled "alice".\n');
  });
});
