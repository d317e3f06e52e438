import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { sourcesQuery } from '../../api/imports.ts';
import { facetsQuery, type ThreadQuery } from '../../api/threads.ts';
import type { ThreadQueryKey } from './use-thread-query.ts';

interface Props {
  query: ThreadQuery;
  onChange: (patch: Partial<Record<ThreadQueryKey, string>>) => void;
  /** More filters (the selection page's "In this study"). */
  children?: ReactNode;
}

/** Search box (submitted) and filters (applied as they change). */
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
  const select = (key: ThreadQueryKey) => ({
    value: query[key as keyof ThreadQuery] ?? '',
    onChange: (e: { target: { value: string } }) => onChange({ [key]: e.target.value }),
  });
  return (
    <div className="thread-filters">
      {/* biome-ignore lint/a11y/useSemanticElements: a form with the search landmark role; <search> is not yet announced by every screen reader */}
      <form role="search" aria-label="Search threads" onSubmit={search} className="thread-search">
        <label>
          Search titles and posts
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
        <label>
          Source
          <select {...select('source')} onChange={(e) => onChange({ source: e.target.value, category: '', tag: '' })}>
            <option value="">All sources</option>
            {sources.data?.sources.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select {...select('category')}>
            <option value="">Any category</option>
            {facets.data?.categories.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.threads})
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <select {...select('tag')}>
            <option value="">Any tag</option>
            {facets.data?.tags.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.threads})
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" {...select('from')} />
        </label>
        <label>
          To
          <input type="date" {...select('to')} />
        </label>
        <label>
          Coded
          <select {...select('coded')}>
            <option value="">Coded or not</option>
            <option value="yes">Coded in a study</option>
            <option value="no">Not coded</option>
          </select>
        </label>
        <label>
          Accepted answer
          <select {...select('solved')}>
            <option value="">With or without</option>
            <option value="yes">Has an accepted answer</option>
            <option value="no">No accepted answer</option>
          </select>
        </label>
        <label>
          Min. question score
          <input type="number" className="narrow" {...select('minScore')} placeholder="any" />
        </label>
        {children}
        <label>
          Order
          <select {...select('sort')}>
            <option value="">{query.q ? 'Best match' : 'Newest first'}</option>
            {query.q ? <option value="newest">Newest first</option> : null}
            <option value="oldest">Oldest first</option>
          </select>
        </label>
      </div>
    </div>
  );
}
