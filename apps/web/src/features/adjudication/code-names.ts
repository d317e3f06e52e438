/** Code id → name, from the pinned codebook; an id the codebook lacks is shown as itself. */
export type CodeNames = (codeId: string) => string;

export function codeNames(codes: readonly { id: string; name: string }[]): CodeNames {
  const byId = new Map(codes.map((c) => [c.id, c.name]));
  return (codeId) => byId.get(codeId) || codeId;
}
