// The `threadcoder` command. Each subcommand lives in cli/<name>.ts and exports `run(argv)`
// returning an exit code; this file only dispatches, so commands stay independent.
import { pathToFileURL } from 'node:url';
import { formatChoices } from './import/formats.ts';

export type CommandRun = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: CommandRun }> }> = {
  user: {
    summary:
      'user add|list|grant|revoke|passwd|disable|enable …   accounts (add <name> [--admin] [--importer] [--password-stdin])',
    load: () => import('./cli/user.ts'),
  },
  backup: {
    summary: 'backup <file>                                   online backup of the database',
    load: () => import('./cli/backup.ts'),
  },
  import: {
    summary: `import <file> --source <name> [--format ${formatChoices}] [--lenient]`,
    load: () => import('./cli/import.ts'),
  },
  export: {
    summary: 'export codebook|counts|codings|final|report|qdpx --study <id> [--format …] [--out file]',
    load: () => import('./cli/export.ts'),
  },
  'import-labels': {
    summary:
      'import-labels <file.csv> --study <id> [--final] [--map "name=code-id" …] [--yes]   existing labels as codings or final labels',
    load: () => import('./cli/import-labels.ts'),
  },
  'import-qdpx': {
    summary: 'import-qdpx <file.qdpx> --owner <username>   a study exported by Threadcoder as a new study',
    load: () => import('./cli/import-qdpx.ts'),
  },
  agreement: {
    summary: 'agreement <file.json|file.csv> [--bootstrap N --seed S]   agreement statistics as JSON',
    load: () => import('./cli/agreement.ts'),
  },
  collect: {
    summary:
      'collect <forum-url> [--source name] [--category slug] [--since date] [--until date] [--max-topics N] [--whole-forum] [--rate r/s]   from a live Discourse forum',
    load: () => import('./cli/collect.ts'),
  },
  'collect-hub': {
    summary:
      'collect-hub [--hub URL] [--since date] [--until date] [--author a] [--pipeline-tag t] [--library l] [--max-models N] [--rate r/s]   models from the Hugging Face Hub, as JSON',
    load: () => import('./cli/collect-hub.ts'),
  },
  series: {
    summary:
      'series import <file> --name N --source S --unit U | list | show <id> | export <id> | delete <id> | compare --left A --right B   outside time series, as JSON',
    load: () => import('./cli/series.ts'),
  },
};

export function registerCommand(name: string, summary: string, load: () => Promise<{ run: CommandRun }>): void {
  commands[name] = { summary, load };
}

function usage(): string {
  const lines = Object.values(commands).map((c) => `  threadcoder ${c.summary}`);
  return ['Usage:', ...lines, '', 'The database is data/threadcoder.db unless THREADCODER_DB is set.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.umask(0o077); // what the CLI creates (a new database, backups, exports) is its owner's alone
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
