// `threadcoder user …`: accounts, as the operator (the CLI works on the database directly).
// Exit codes: 0 done, 2 bad usage or input (unknown user, weak password, duplicate name).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { openDb, type Db } from '../db/open.ts';
import { findUserByName, insertUser, listUsers, setDisabled, setImporter, setPasswordHash } from '../db/users.ts';
import { AppError } from '../http/errors.ts';
import { readStdin } from './read-stdin.ts';

const usage = `Usage: threadcoder user add <username> [--admin] [--importer] [--display-name NAME] [--password-stdin]
       threadcoder user list
       threadcoder user grant|revoke <username> importer
       threadcoder user passwd <username> [--password-stdin]
       threadcoder user disable|enable <username>`;

export async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      admin: { type: 'boolean' },
      importer: { type: 'boolean' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const [verb, username, right] = positionals;
  if (verb === 'list') return withDb((db) => list(db));
  if (!username || !['add', 'grant', 'revoke', 'passwd', 'disable', 'enable'].includes(verb ?? '')) return bad(usage);
  if ((verb === 'grant' || verb === 'revoke') && right !== 'importer') return bad(usage);
  if (verb === 'add' || verb === 'passwd') {
    const generated = !values['password-stdin'];
    const password = generated ? randomBytes(12).toString('base64url') : (await readStdin()).replace(/\r?\n$/, '');
    const problem = passwordProblem(password);
    if (problem) return bad(problem);
    const passwordHash = await hashPassword(password);
    return withDb((db) => {
      if (verb === 'add') {
        const user = insertUser(db, {
          username,
          displayName: values['display-name'] ?? username,
          passwordHash,
          isAdmin: values.admin ?? false,
          isImporter: values.importer ?? false,
        });
        const rights = [user.isAdmin && 'administrator', user.isImporter && 'importer'].filter(Boolean);
        console.log(`Created ${rights.length ? rights.join(' and ') : 'user'} "${user.username}".`);
      } else {
        setPasswordHash(db, found(db, username), passwordHash);
        console.log(`Changed the password of "${username}"; their sessions have ended.`);
      }
      if (generated) console.log(`Password (shown once): ${password}`);
    });
  }
  return withDb((db) => {
    const id = found(db, username);
    if (verb === 'grant' || verb === 'revoke') {
      setImporter(db, id, verb === 'grant');
      console.log(`"${username}" ${verb === 'grant' ? 'may now' : 'may no longer'} import and collect.`);
    } else {
      setDisabled(db, id, verb === 'disable');
      console.log(verb === 'disable' ? `Disabled "${username}"; their sessions have ended.` : `Enabled "${username}".`);
    }
  });
}

function list(db: Db): void {
  for (const u of listUsers(db)) {
    const flags = [u.isAdmin && 'admin', u.isImporter && 'importer', u.disabled && 'disabled'].filter(Boolean);
    console.log([u.username, u.displayName, ...flags].join('\t'));
  }
}

function found(db: Db, username: string): number {
  const user = findUserByName(db, username);
  if (!user) throw new AppError('user.not_found', 404, `There is no user named "${username}".`);
  return user.id;
}

function bad(message: string): number {
  console.error(message);
  return 2;
}

/** Runs `work` on the database; an expected failure (AppError) prints its message and exits 2. */
function withDb(work: (db: Db) => void): number {
  const db = openDb();
  try {
    work(db);
    return 0;
  } catch (err) {
    if (err instanceof AppError) return bad(err.message);
    throw err;
  } finally {
    db.close();
  }
}
