import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { openDb } from '../db/open.ts';
import { insertUser, listUsers } from '../db/users.ts';
import { AppError } from '../http/errors.ts';
import { readStdin } from './read-stdin.ts';

const usage =
  'Usage: threadcoder user add <username> [--admin] [--display-name NAME] [--password-stdin]\n       threadcoder user list';

/** `user add` creates an account; without --password-stdin it generates a password and prints it once. */
export async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { admin: { type: 'boolean' }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  const [verb, username] = positionals;
  if (verb === 'list') {
    const db = openDb();
    for (const u of listUsers(db)) console.log(`${u.username}\t${u.displayName}${u.isAdmin ? '\tadmin' : ''}`);
    db.close();
    return 0;
  }
  if (verb !== 'add' || !username) {
    console.error(usage);
    return 2;
  }
  const generated = !values['password-stdin'];
  const password = generated ? randomBytes(12).toString('base64url') : (await readStdin()).replace(/\r?\n$/, '');
  const problem = passwordProblem(password);
  if (problem) {
    console.error(problem);
    return 2;
  }
  const db = openDb();
  try {
    const user = insertUser(db, {
      username,
      displayName: values['display-name'] ?? username,
      passwordHash: await hashPassword(password),
      isAdmin: values.admin ?? false,
    });
    console.log(`Created ${user.isAdmin ? 'administrator' : 'user'} "${user.username}".`);
    if (generated) console.log(`Password (shown once): ${password}`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    db.close();
  }
}
