import { type Coding, type CodingInput, comparable, getCoding, normalized } from './codings.ts';
import type { Db } from './open.ts';

/**
 * Whether a save based on `baseVersion` (0: "I saw no coding yet") would overwrite a change the
 * client never saw, made in another tab or on another device: then the answer is the server's
 * coding, for the coder to choose between. A stale save of what the server already holds is no
 * conflict. Runs inside the save's group commit, so nothing changes between check and write.
 */
export function staleSave(
  db: Db,
  unitId: number,
  coderId: number,
  baseVersion: number,
  input: CodingInput,
): { current: Coding | null } | null {
  const current = getCoding(db, unitId, coderId);
  if ((current?.version ?? 0) === baseVersion) return null;
  if (current && JSON.stringify(comparable(current)) === JSON.stringify(comparable(normalized(input)))) return null;
  return { current };
}
