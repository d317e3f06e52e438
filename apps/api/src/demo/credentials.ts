import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface DemoAccount {
  username: string;
  displayName: string;
  password: string;
  role: string;
}

/**
 * Demo passwords are generated per installation (never hard-coded) and kept in a
 * git-ignored file beside the database, readable by its owner only, so the start-up
 * banner can show them again. THREADCODER_DEMO_PASSWORD fixes them (for the browser tests).
 */
function credentialsPath(dbPath: string): string {
  return dbPath === ':memory:' ? '' : join(dirname(dbPath), 'demo-credentials.json');
}

export function demoPassword(env: NodeJS.ProcessEnv = process.env): string {
  return env.THREADCODER_DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
}

export function saveCredentials(dbPath: string, accounts: DemoAccount[]): void {
  const path = credentialsPath(dbPath);
  if (!path) return;
  writeFileSync(path, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function loadCredentials(dbPath: string): DemoAccount[] | null {
  const path = credentialsPath(dbPath);
  return path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DemoAccount[]) : null;
}
