import { ThreadFilters } from './thread-filters.tsx';
import { ThreadList } from './thread-list.tsx';
import { SearchIndexStatus } from './search-index-status.tsx';
import { useThreadQuery } from './use-thread-query.ts';

/** Every imported thread: full-text search over titles and posts, filters, a virtual list. */
export function ThreadsPage() {
  const [query, update] = useThreadQuery();
  return (
    <section aria-labelledby="threads-heading" className="threads-page">
      <h1 id="threads-heading">Threads</h1>
      <ThreadFilters query={query} onChange={update} />
      <SearchIndexStatus />
      <ThreadList query={query} />
    </section>
  );
}
