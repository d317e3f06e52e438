/**
 * The blind notice for someone who codes in an open blind round: whatever other role they hold,
 * the server leaves the other coders' codings of that round out of what it computes for them.
 */
export function WithheldNotice({ rounds, what }: { rounds: { id: number; name: string }[]; what: string }) {
  if (rounds.length === 0) return null;
  const names = rounds.map((r) => `“${r.name}”`).join(', ');
  const one = rounds.length === 1;
  return (
    <p className="withheld-notice" role="note" aria-label="Blind coding">
      You code in {names}, which {one ? 'is' : 'are'} open and blind: {what} leave out the other coders’ codings of{' '}
      {one ? 'it' : 'them'}, so that you do not learn how they label. They appear once the owner closes or unblinds{' '}
      {one ? 'the round' : 'those rounds'}.
    </p>
  );
}
