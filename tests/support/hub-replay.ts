// A local stand-in for the Hugging Face Hub's model listing, GET /api/models: node:http on
// 127.0.0.1, port 0. Models are generated (deterministic) in the shape the Hub answers with
// full=true&config=true&cardData=true (fields as in huggingface_hub's ModelInfo and the Hub's
// answers quoted in client tests: _id, id, modelId, author, private, pipeline_tag, library_name,
// tags with "base_model:…", downloads, likes, sha, lastModified, createdAt, gated, config with
// model_type, cardData, siblings with rfilename), newest first, paged by an opaque cursor in a
// Link: <…>; rel="next" header that names huggingface.co, as the real Hub does behind a mirror.
// Faults are queued per page index: a 429 with Retry-After, a 503, a cut page (200, JSON cut short).
// The model endpoint GET /api/models/{org}/{name} answers one model as huggingface_hub's
// model_info() reads it (the listing's fields with spaces, usedStorage; cardData only when the
// card has metadata): models 8k+1 list a README but no cardData field, and only those 16k+1 have
// metadata; with `bareListing`, chosen models come without files or cardData in the listing (as
// a mirror may serve them), and the model endpoint tells. Faults for it are queued per model.
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type HubFault = { status: 429; retryAfter: string } | { status: 503 } | { cut: true };

export interface ReplayModel {
  _id: string;
  id: string;
  modelId: string;
  author: string;
  private: boolean;
  pipeline_tag?: string;
  library_name?: string;
  tags: string[];
  downloads: number;
  likes: number;
  sha: string;
  lastModified: string;
  createdAt: string;
  gated: false | 'manual';
  config?: { architectures: string[]; model_type: string };
  cardData?: { license: string; language: string[] };
  siblings: { rfilename: string }[];
}

const TYPES = ['bert', 'llama', 'gpt2', 't5', 'mistral'];
const TASKS = ['text-generation', 'text-classification', 'fill-mask', 'text2text-generation'];
const LIBRARIES = ['transformers', 'transformers', 'peft', 'diffusers'];
const ARCHITECTURES: Record<string, string> = {
  bert: 'BertForMaskedLM',
  llama: 'LlamaForCausalLM',
  gpt2: 'GPT2LMHeadModel',
  t5: 'T5ForConditionalGeneration',
  mistral: 'MistralForCausalLM',
};
const NEWEST = Date.parse('2024-06-30T23:00:00.000Z');

/** Model i of a replay Hub: created 37 minutes before model i - 1, so 2,000 models span about two months. */
export function replayModel(i: number): ReplayModel {
  const type = TYPES[i % 5]!;
  const author = `org${i % 13}`;
  const created = new Date(NEWEST - i * 37 * 60_000).toISOString();
  const base =
    i % 3 === 0 ? ['base_model:meta-llama/Llama-2-7b-hf', 'base_model:finetune:meta-llama/Llama-2-7b-hf'] : [];
  const hasCard = i % 4 !== 0;
  return {
    _id: (0x65a000000000 + i).toString(16).padStart(24, '0'),
    id: `${author}/model-${i}`,
    modelId: `${author}/model-${i}`,
    author,
    private: false,
    ...(i % 11 === 0 ? {} : { pipeline_tag: TASKS[i % 4] }),
    ...(i % 9 === 0 ? {} : { library_name: LIBRARIES[i % 4] }),
    tags: ['transformers', 'safetensors', type, ...base, 'license:apache-2.0', 'region:us'],
    downloads: (i * 7919) % 100_000,
    likes: i % 50,
    sha: (i * 2654435761).toString(16).padStart(40, '0').slice(-40),
    lastModified: new Date(NEWEST - i * 37 * 60_000 + 3_600_000).toISOString(),
    createdAt: created,
    gated: i % 17 === 0 ? 'manual' : false,
    ...(i % 7 === 0 ? {} : { config: { architectures: [ARCHITECTURES[type]!], model_type: type } }),
    ...(hasCard && i % 8 !== 1 ? { cardData: { license: 'apache-2.0', language: ['en'] } } : {}),
    siblings: [
      { rfilename: '.gitattributes' },
      ...(hasCard ? [{ rfilename: 'README.md' }] : []),
      { rfilename: 'config.json' },
      { rfilename: 'model.safetensors' },
    ],
  };
}

/** What the model endpoint says of model i: its listing entry with the card metadata it really has. */
export function replayModelInfo(i: number): ReplayModel & { spaces: string[]; usedStorage: number } {
  const { cardData: _, ...listed } = replayModel(i);
  const hasCard = listed.siblings.some((f) => f.rfilename === 'README.md');
  const withData = hasCard && (i % 8 !== 1 || i % 16 === 1);
  return {
    ...listed,
    ...(withData ? { cardData: { license: 'apache-2.0', language: ['en'] } } : {}),
    spaces: [],
    usedStorage: 438_000_000 + i,
  };
}

export interface HubReplay {
  url: string;
  /** Every request as path + query. */
  log: string[];
  /** Queue faults for the next requests of listing page `page` (0-based). */
  fail(page: number, ...faults: HubFault[]): void;
  /** Queue faults for the next requests of model i's endpoint; status 404 answers that it is gone. */
  failModel(i: number, ...faults: (HubFault | { status: 404 })[]): void;
  close(): Promise<void>;
}

const cursorOf = (start: number) => Buffer.from(JSON.stringify({ $skip: start })).toString('base64url');
const startOf = (cursor: string | null) =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()).$skip as number) : 0;

export async function startHubReplay(
  count: number,
  { bareListing = () => false }: { bareListing?: (i: number) => boolean } = {},
): Promise<HubReplay> {
  const log: string[] = [];
  const faults = new Map<number, HubFault[]>();
  const modelFaults = new Map<number, (HubFault | { status: 404 })[]>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay');
    log.push(decodeURIComponent(`${url.pathname}${url.search}`));
    const one = /^\/api\/models\/org\d+\/model-(\d+)$/.exec(url.pathname);
    if (one && Number(one[1]) < count) {
      const i = Number(one[1]);
      const fault = modelFaults.get(i)?.shift();
      if (fault && 'status' in fault && fault.status === 404)
        return void send(res, 404, { error: 'Repository not found' });
      if (fault) return void inject(fault as HubFault, res);
      return void send(res, 200, replayModelInfo(i));
    }
    if (url.pathname !== '/api/models') return void send(res, 404, { error: 'Not Found' });
    const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 1000));
    const start = startOf(url.searchParams.get('cursor'));
    const fault = faults.get(Math.floor(start / limit))?.shift();
    if (fault) return void inject(fault, res);
    const author = url.searchParams.get('author');
    const models: ReplayModel[] = [];
    let i = start;
    for (; i < count && models.length < limit; i++) {
      const m = replayModel(i);
      if (bareListing(i)) {
        const { siblings: _files, cardData: _card, ...bare } = m;
        if (!author || m.author === author) models.push(bare as ReplayModel);
      } else if (!author || m.author === author) models.push(m);
    }
    const headers: Record<string, string> = {};
    if (i < count) {
      const next = new URL(`https://huggingface.co/api/models${url.search}`);
      next.searchParams.set('cursor', cursorOf(i));
      headers.link = `<${next.href}>; rel="next"`;
    }
    send(res, 200, models, headers);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    fail: (page, ...f) => faults.set(page, [...(faults.get(page) ?? []), ...f]),
    failModel: (i, ...f) => modelFaults.set(i, [...(modelFaults.get(i) ?? []), ...f]),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function inject(fault: HubFault, res: ServerResponse): void {
  if ('cut' in fault) {
    // A complete response whose JSON stops half-way through the list (a proxy cut it short).
    const text = JSON.stringify([replayModel(0), replayModel(1)]).slice(0, 700);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    return void res.end(text);
  }
  if (fault.status === 429)
    return void send(
      res,
      429,
      { error: 'You have been rate-limited; you can retry this action later.' },
      { 'retry-after': fault.retryAfter },
    );
  send(res, 503, { error: 'Service Unavailable' });
}
