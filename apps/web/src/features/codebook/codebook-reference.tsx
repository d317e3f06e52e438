import type { Code } from '@threadcoder/taxonomy';
import { useId, useMemo, useState } from 'react';
import { treeRows } from './tree-rows.ts';

/**
 * The codebook to read while coding: each dimension with its codes in tree order, each
 * code with its definition, include and exclude notes and example quotes. Read-only; the
 * coding screen may show it beside a unit. A filter narrows it by name or definition.
 */
export function CodebookReference({
  codes,
  title = 'Codebook',
  version,
}: {
  codes: readonly Code[];
  title?: string;
  version?: number;
}) {
  const [filter, setFilter] = useState('');
  const headingId = useId();
  const rows = useMemo(() => treeRows(codes), [codes]);
  const needle = filter.trim().toLowerCase();
  const matches = (code: Code) => !needle || `${code.name}\n${code.definition}`.toLowerCase().includes(needle);
  const dimensions = rows.filter((row) => row.depth === 0);
  return (
    <section className="cb-reference" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title}
        {version !== undefined ? <span className="hint"> · version {version}</span> : null}
      </h2>
      <input
        type="search"
        aria-label="Filter the codebook"
        placeholder="Filter by name or definition"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {dimensions.map(({ code: dimension }) => {
        const inside = rows.filter((row) => row.depth > 0 && row.code.dimension === dimension.id && matches(row.code));
        return (
          <section key={dimension.id} className="cb-dimension" aria-label={dimension.name}>
            <h3>{dimension.name}</h3>
            {dimension.definition ? <p className="hint">{dimension.definition}</p> : null}
            {inside.length === 0 ? <p className="hint">{needle ? 'No code matches.' : 'No codes yet.'}</p> : null}
            {inside.map(({ code, depth }) => (
              <CodeEntry key={code.id} code={code} depth={depth} />
            ))}
          </section>
        );
      })}
    </section>
  );
}

function CodeEntry({ code, depth }: { code: Code; depth: number }) {
  const nameId = useId();
  return (
    <article
      className={`cb-entry${code.status === 'deprecated' ? ' cb-deprecated' : ''}`}
      aria-labelledby={nameId}
      style={{ marginLeft: `${(depth - 1) * 1.25}rem` }}
    >
      <h4 id={nameId}>
        <span className="cb-swatch" style={{ background: code.color ?? 'transparent' }} aria-hidden="true" />
        {code.name}
        {code.shortcut ? <kbd title="Shortcut on the coding screen">{code.shortcut}</kbd> : null}
        {code.status === 'deprecated' ? <span className="cb-badge">deprecated</span> : null}
        {!code.codable ? <span className="cb-badge">group</span> : null}
      </h4>
      <p>{code.definition || <span className="hint">No definition yet.</span>}</p>
      {code.includeNote || code.excludeNote ? (
        <dl className="facts">
          {code.includeNote ? (
            <>
              <dt>Include</dt>
              <dd>{code.includeNote}</dd>
            </>
          ) : null}
          {code.excludeNote ? (
            <>
              <dt>Exclude</dt>
              <dd>{code.excludeNote}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {code.examples.length > 0 ? (
        <ul className="cb-examples" aria-label={`Examples of ${code.name}`}>
          {code.examples.map((example, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: examples have no id and are never reordered here
            <li key={i}>
              <blockquote>{example.quote}</blockquote>
              {example.postId !== undefined ? <span className="hint"> (post {example.postId})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
