// Stack Exchange Posts.xml -> threads: each question (PostTypeId 1) is a thread whose post 1
// is the question itself, followed by its answers (PostTypeId 2) by date. Two passes: the
// XML is staged (rows.ts), then read back grouped, so memory stays flat on gigabyte dumps
// whatever order questions and answers come in. The question's AcceptedAnswerId marks its
// thread solved and that answer accepted; its Score is kept as the thread's score.
import type { ErrorWhere } from '../../http/errors.ts';
import { importErrors } from '../errors.ts';
import type { InputFile } from '../input.ts';
import { PostStager, type StagedRow } from '../stager.ts';
import { splitTags } from '../text.ts';
import type { NormalizedPost, ParseContext, ParsedItem } from '../types.ts';
import { stageRows, type RowPayload } from './rows.ts';

export async function* parseStackExchange(input: InputFile, ctx: ParseContext): AsyncGenerator<ParsedItem> {
  const stager = new PostStager(input.name);
  try {
    yield* stageRows(input, ctx, stager);
    for (const group of stager.groups()) yield* toThread(group, input.name, ctx.baseUrl);
  } finally {
    stager.close();
  }
}

function toThread(group: StagedRow[], file: string, baseUrl?: string): ParsedItem[] {
  const question = group[0]!;
  if (!question.head) {
    // Sorting puts a question first in its group, so a headless group has none.
    return group.map((a) => ({
      kind: 'reject',
      error: importErrors.orphanAnswer({ file, line: a.line }, a.externalId, a.threadKey),
    }));
  }
  const q = JSON.parse(question.payload) as RowPayload;
  const posts: NormalizedPost[] = [];
  const postWhere: ErrorWhere[] = [];
  group.forEach((row, i) => {
    const p = i === 0 ? q : (JSON.parse(row.payload) as RowPayload);
    posts.push({
      externalId: row.externalId,
      postNumber: i + 1,
      author: p.author,
      createdAt: row.createdAt,
      html: p.body,
      likeCount: p.score,
      ...(i > 0 && row.externalId === q.acceptedAnswerId ? { acceptedAnswer: true } : {}),
    });
    postWhere.push({ file, line: row.line });
  });
  const thread = {
    externalId: question.externalId,
    title: q.title ?? '',
    tags: splitTags(q.tags),
    url: baseUrl ? `${baseUrl.replace(/\/+$/, '')}/questions/${question.externalId}` : undefined,
    views: q.views,
    createdAt: question.createdAt,
    solved: q.acceptedAnswerId !== undefined,
    score: q.score,
    posts,
  };
  return [{ kind: 'thread', value: { thread, where: { file, line: question.line }, postWhere } }];
}
