import { useQuery } from '@tanstack/react-query';
import { threadFilterNames, threadFilters } from '@threadcoder/api/threads/filters.ts';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { sourcesQuery } from '../../api/imports.ts';
import { facetsQuery, type ThreadQuery } from '../../api/threads.ts';
import { FilterField } from './filter-field.tsx';
import type { ThreadQueryKey } from './use-thread-query.ts';

interface Props {
  query: ThreadQuery;
  onChange: (patch: Partial<Record<ThreadQueryKey, string>>) => void;
  /** More filters (the selection page's "In this study"). */
  children?: ReactNode;
}

const clearedFacets = Object.fromEntries(
  threadFilterNames.filter((name) => threadFilters[name].input.kind === 'facet').map((name) => [name, '']),
);

/** Search box (submitted) and one field per declared filter (applied as they change). */
export function ThreadFilters({ query, onChange, children }: Props) {
  const client = useClient();
  const sources = useQuery(sourcesQuery(client));
  const facets = useQuery(facetsQuery(client, query.source));
  const [text, setText] = useState(query.q ?? '');
  // Back/forward changes the URL's q: show it.
  useEffect(() => setText(query.q ?? ''), [query.q]);
  const search = (e: FormEvent) => {
    e.preventDefault();
    onChange({ q: text.trim() });
  };
  return (
    <div className="thread-filters">
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search landmark role; <search> is not yet announced by every screen reader */}
      <form role="search" aria-label="Search threads" onSubmit={search} className="thread-search">
        <label>
          {threadFilters.q.label}
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder='e.g. tokenizer padding, "exit code 137", fine-tun*'
          />
        </label>
        <button type="submit">Search</button>
      </form>
      <div className="inline-form">
        {threadFilterNames.map((name) => (
          <FilterField
            key={name}
            name={name}
            value={query[name] ?? ''}
            // Facets (categories, tags) are the chosen source's: choosing another source clears them.
            onChange={(value) =>
              onChange({ [name]: value, ...(threadFilters[name].input.kind === 'source' ? clearedFacets : {}) })
            }
            sources={sources.data?.sources ?? []}
            facets={facets.data}
          />
        ))}
        {children}
        <label>
          Order
          <select value={query.sort ?? ''} onChange={(e) => onChange({ sort: e.target.value })}>
            <option value="">{query.q ? 'Best match' : 'Newest first'}</option>
            {query.q ? <option value="newest">Newest first</option> : null}
            <option value="oldest">Oldest first</option>
          </select>
        </label>
      </div>
    </div>
  );
}
