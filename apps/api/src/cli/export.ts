// `threadcoder export <what> --study <id> [...]`: each kind of export lives in its own
// export-<what>.ts and exports `run(argv)`; this file only dispatches.
import type { CommandRun } from '../cli.ts';

const kinds: Record<string, () => Promise<{ run: CommandRun }>> = {
  codebook: () => import('./export-codebook.ts'),
  counts: () => import('./export-analysis.ts'),
  codings: () => import('./export-analysis.ts'),
  final: () => import('./export-analysis.ts'),
  report: () => import('./export-analysis.ts'),
  qdpx: () => import('./export-analysis.ts'),
};

export async function run(argv: string[]): Promise<number> {
  const [kind] = argv;
  const load = kind ? kinds[kind] : undefined;
  if (!load) {
    console.error(`Usage: threadcoder export ${Object.keys(kinds).join('|')} --study <id> [--format …] [--out file]`);
    return 2;
  }
  return (await load()).run(argv);
}
