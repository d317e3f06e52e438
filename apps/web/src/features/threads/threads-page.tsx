import { ThreadFilters } from '../../components/thread-browser/thread-filters.tsx';
import { ThreadList } from '../../components/thread-browser/thread-list.tsx';
import { SearchIndexStatus } from '../../components/search-index-status.tsx';
import { useThreadQuery } from '../../components/thread-browser/use-thread-query.ts';

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
