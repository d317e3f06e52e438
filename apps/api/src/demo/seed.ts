import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/open.ts';
import { addMember, insertStudy } from '../db/studies.ts';
import { insertUser } from '../db/users.ts';
import { runImportFile } from '../import/index.ts';
import { demoPassword, loadCredentials, saveCredentials, type DemoAccount } from './credentials.ts';
import { buildDemoStudy } from './demo-study.ts';
import { writeTransaction } from '../db/write-transaction.ts';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../data');
const demoSource = 'Hugging Face forum (demo sample)';

export interface DemoResult {
  accounts: DemoAccount[];
}

const people = [
  // carol may also import and collect (an instance right), into sources of her own: the demo source is the administrators'.
  { username: 'carol', displayName: 'Carol', roles: ['owner', 'adjudicator'] as const, importer: true },
  { username: 'alice', displayName: 'Alice', roles: ['coder'] as const },
  { username: 'bob', displayName: 'Bob', roles: ['coder'] as const },
];

const isEmpty = (db: Db) =>
  (db.prepare('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM studies) AS n').get() as { n: number }).n ===
  0;

/**
 * On an empty database, loads the demo: accounts, the forum sample, the template codebooks
 * and a demo study. On a database that has data, only reports the saved demo accounts.
 */
export async function seedDemo(db: Db, dbPath: string): Promise<DemoResult | null> {
  if (!isEmpty(db)) {
    const accounts = loadCredentials(dbPath);
    return accounts ? { accounts } : null;
  }
  // The forum sample goes through the real import pipeline (sanitizing included).
  await runImportFile(db, join(dataDir, 'demo/hf-forum-sample.json'), {
    source: demoSource,
    format: 'discourse',
    baseUrl: 'https://discuss.huggingface.co',
  });
  const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(demoSource) as number;
  const accounts: DemoAccount[] = [];
  const hashed = await Promise.all(people.map(async (p) => ({ ...p, password: demoPassword(), hash: '' })));
  for (const p of hashed) p.hash = await hashPassword(p.password);
  writeTransaction(db, () => {
    const ids = hashed.map(
      (p) =>
        insertUser(db, {
          username: p.username,
          displayName: p.displayName,
          passwordHash: p.hash,
          isAdmin: false,
          isImporter: 'importer' in p,
        }).id,
    );
    const [ownerId] = ids;
    const studyId = insertStudy(
      db,
      {
        name: 'Demo: Hugging Face forum, challenges and benefits of model reuse',
        description:
          'A small sample of Hugging Face forum threads coded with the challenge/benefit taxonomy of Taraghi et al. (SANER 2024).',
        unitKind: 'post',
        labelMode: 'multi',
        blind: true,
      },
      ownerId!,
    );
    hashed.forEach((p, i) => {
      for (const role of p.roles) addMember(db, studyId, ids[i]!, role);
      accounts.push({
        username: p.username,
        displayName: p.displayName,
        password: p.password,
        role: [...p.roles, ...('importer' in p ? ['importer'] : [])].join(' + '),
      });
    });
    buildDemoStudy(db, dataDir, studyId, sourceId, Object.fromEntries(hashed.map((p, i) => [p.username, ids[i]!])));
  });
  saveCredentials(dbPath, accounts);
  return { accounts };
}
