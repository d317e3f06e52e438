// A small study with exactly known final labels for the analysis tests, built the way a team
// builds one: coders code through the API, the owner closes rounds, the adjudicator settles.
//
// Codebook: challenge > technical > {memory, training}; challenge > docs; benefit > thanks.
// Units (first post of each thread unless noted), coded by cora and cody:
//   U1 T1 2022-01-10 Models    [bert]  both {memory, training}           → agreed
//   U2 T2 2022-02-20 Models    [gpt2]  both {training}                   → agreed
//   U3 T3 2022-03-31 23:30 Z   Beginners [bert]  cora {docs}, cody {docs, thanks} → settled {docs, thanks}
//   U4 T4 2022-04-01 00:10 Z   Beginners [t5]    both {memory}           → agreed
//   U5 T5 2022-05-05 Models    [gpt2]  both {docs, thanks}               → agreed
//   U6 T6 2022-08-08 Models    []      both {} (no labels)               → agreed, settled with none
//   U7 T1 post 2 (January)     cora {memory}, cody nothing               → incomplete: not coded
//   U8 T6 post 2 (August), round "Main": both {memory}                   → agreed
import type { Code } from '@threadcoder/taxonomy';
import { createCodebook } from '../../apps/api/src/db/codebooks.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { loggedIn, type Agent } from './agent.ts';
import { insertForum, pinCodebook, selectAllThreads } from './forum.ts';
import { addStudyCast, makeTestApp } from './test-app.ts';

const code = (id: string, parentId: string | null, position: number, dimension: string, codable = true): Code => ({
  id,
  parentId,
  position,
  dimension,
  name: id[0]!.toUpperCase() + id.slice(1),
  definition: '',
  includeNote: '',
  excludeNote: '',
  examples: [],
  color: null,
  shortcut: null,
  status: 'active',
  codable,
});

export const codes: Code[] = [
  code('challenge', null, 0, 'challenge', false),
  code('technical', 'challenge', 0, 'challenge', false),
  code('memory', 'technical', 0, 'challenge'),
  code('training', 'technical', 1, 'challenge'),
  code('docs', 'challenge', 1, 'challenge'),
  code('benefit', null, 1, 'benefit', false),
  code('thanks', 'benefit', 0, 'benefit'),
];

export const threads = [
  {
    title: 'OOM with BERT',
    createdAt: '2022-01-10T09:00:00.000Z',
    category: 'Models',
    tags: ['bert'],
    posts: ['Out of memory when fine-tuning BERT on GPU', 'Use a smaller batch size'],
  },
  {
    title: 'Loss stuck',
    createdAt: '2022-02-20T09:00:00.000Z',
    category: 'Models',
    tags: ['gpt2'],
    posts: ['GPT-2 training loss does not go down', 'Check the learning rate'],
  },
  {
    title: 'Tokenizer docs',
    createdAt: '2022-03-31T23:30:00.000Z',
    category: 'Beginners',
    tags: ['bert'],
    posts: ['The docs for the tokenizer are missing an example', 'Thanks, that helps'],
  },
  {
    title: 'T5 memory',
    createdAt: '2022-04-01T00:10:00.000Z',
    category: 'Beginners',
    tags: ['t5'],
    posts: ['Memory error with T5 and fine-tuned checkpoints', 'gpt2 works for me'],
  },
  {
    title: 'Great docs',
    createdAt: '2022-05-05T09:00:00.000Z',
    category: 'Models',
    tags: ['gpt2'],
    posts: ['Thanks for the great docs on GPT 2', 'Docs are great'],
  },
  {
    title: 'Pipeline crash',
    createdAt: '2022-08-08T09:00:00.000Z',
    category: 'Models',
    tags: [],
    posts: ['Training pipeline crashes with GPU memory', 'Same memory crash when I finetuned RoBERTa'],
  },
];

/** `templateId`: the template the codebook names as its origin (none by default). */
export async function analysisStudy(templateId: string | null = null) {
  const t = makeTestApp();
  const { ids, studyId } = await addStudyCast(t.db);
  const forum = insertForum(t.db, threads);
  selectAllThreads(t.db, studyId);
  pinCodebook(
    t.db,
    studyId,
    createCodebook(t.db, { name: 'Test codebook', description: '', templateId, version: 1, codes }, null, 'test'),
  );
  const round1 = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const coders = [ids.cora!, ids.cody!];
  const post = (thread: number, n = 0) => ({
    threadId: forum.threadIds[thread]!,
    postId: forum.postIds[thread]![n]!,
    coderIds: coders,
  });
  const u = insertUnits(
    t.db,
    studyId,
    round1,
    [post(0), post(1), post(2), post(3), post(4), post(5), post(0, 1)],
    ids.owen!,
    { method: 'test' },
  );
  const as = (name: string): Promise<Agent> => loggedIn(t.app, name);
  const [owen, cora, cody, ada] = await Promise.all(['owen', 'cora', 'cody', 'ada'].map(as));
  const code = async (agent: Agent, unitId: number, codeIds: string[]) => {
    const res = await agent.request('PUT', `/api/studies/${studyId}/units/${unitId}/coding`, { codeIds });
    if (res.status !== 200) throw new Error(`coding failed: ${res.status} ${await res.text()}`);
  };
  const both: [number, string[]][] = [
    [u[0]!, ['memory', 'training']],
    [u[1]!, ['training']],
    [u[3]!, ['memory']],
    [u[4]!, ['docs', 'thanks']],
    [u[5]!, []],
  ];
  for (const [unitId, labels] of both) {
    await code(cora!, unitId, labels);
    await code(cody!, unitId, labels);
  }
  await code(cora!, u[2]!, ['docs']);
  await code(cody!, u[2]!, ['docs', 'thanks']);
  await code(cora!, u[6]!, ['memory']);
  await owen!.post(`/api/studies/${studyId}/rounds/${round1}/close`);
  await ada!.post(`/api/studies/${studyId}/adjudication/units/${u[2]}/settle`, {
    codeIds: ['docs', 'thanks'],
    rationale: 'The poster thanks for docs.',
  });

  const main = (await (await owen!.post(`/api/studies/${studyId}/rounds`, { name: 'Main', kind: 'main' })).json()).round
    .id as number;
  const [u8] = insertUnits(t.db, studyId, main, [post(5, 1)], ids.owen!, { method: 'test' });
  await code(cora!, u8!, ['memory']);
  await code(cody!, u8!, ['memory']);
  await owen!.post(`/api/studies/${studyId}/rounds/${main}/close`);
  return {
    t,
    ids,
    studyId,
    rounds: [round1, main] as const,
    units: [...u, u8!],
    forum,
    agents: { owen: owen!, cora: cora!, cody: cody!, ada: ada! },
    as,
  };
}

export type AnalysisStudy = Awaited<ReturnType<typeof analysisStudy>>;
