import { useQuery } from '@tanstack/react-query';
import type { Example } from '@threadcoder/taxonomy';
import { useId } from 'react';
import { codebookDiffQuery } from '../../api/codebook.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';

const FIELD_NAMES: Record<string, string> = {
  definition: 'Definition',
  includeNote: 'Include',
  excludeNote: 'Exclude',
  examples: 'Examples',
  color: 'Color',
  shortcut: 'Shortcut',
  status: 'Status',
  codable: 'Can be applied',
};

function show(value: unknown): string {
  if (value === null || value === '') return '(none)';
  if (Array.isArray(value)) return (value as Example[]).map((e) => `“${e.quote}”`).join(', ') || '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** What the API found changed between two versions (it computes the diff; this only lays it out). */
export function VersionDiff({
  studyId,
  from,
  to,
  nameOf,
}: {
  studyId: number;
  from: number;
  to: number;
  nameOf: (id: string | null) => string;
}) {
  const diff = useQuery(codebookDiffQuery(useClient(), studyId, from, to));
  const headingId = useId();
  if (diff.isPending) return <p className="hint">Comparing…</p>;
  if (diff.isError) return <ErrorMessage error={diff.error} />;
  const { added, removed, renamed, moved, changed } = diff.data.diff;
  const empty = [added, removed, renamed, moved, changed].every((list) => list.length === 0);
  return (
    <section className="cb-diff" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Changes from version {from} to version {to}
      </h3>
      {empty ? <p className="hint">No differences.</p> : null}
      <ul>
        {added.map((c) => (
          <li key={`a-${c.id}`}>
            <span className="cb-tag cb-added">added</span> {c.name}{' '}
            <span className="hint">under {nameOf(c.parentId)}</span>
          </li>
        ))}
        {removed.map((c) => (
          <li key={`r-${c.id}`}>
            <span className="cb-tag cb-removed">removed</span> {c.name}
          </li>
        ))}
        {renamed.map((c) => (
          <li key={`n-${c.id}`}>
            <span className="cb-tag">renamed</span> {c.from} → {c.to}
          </li>
        ))}
        {moved.map((c) => (
          <li key={`m-${c.id}`}>
            <span className="cb-tag">moved</span> {c.name}{' '}
            <span className="hint">
              {c.fromParentId === c.toParentId
                ? `to place ${c.toPosition + 1} under ${nameOf(c.toParentId)}`
                : `from ${nameOf(c.fromParentId)} to ${nameOf(c.toParentId)}`}
            </span>
          </li>
        ))}
        {changed.map((c) => (
          <li key={`c-${c.id}`}>
            <span className="cb-tag">changed</span> {c.name}
            <dl className="cb-fields">
              {c.fields.map((f) => (
                <div key={f.field}>
                  <dt>{FIELD_NAMES[f.field] ?? f.field}</dt>
                  <dd>
                    <del>{show(f.from)}</del> <ins>{show(f.to)}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
