import type { Source } from '../api/imports.ts';

/** A source select's options: "All sources" (value '') and each source by id. */
export function SourceOptions({ sources }: { sources: readonly Source[] }) {
  return (
    <>
      <option value="">All sources</option>
      {sources.map((s) => (
        <option key={s.id} value={String(s.id)}>
          {s.name}
        </option>
      ))}
    </>
  );
}
