import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The parsed command line, or null after printing what is wrong and the usage (the command then exits 2). */
export function parseCommand<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> | null {
  try {
    return parseArgs(config);
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return null;
  }
}
