import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/client-context.tsx';
import { forumDescriptivesCsvUrl, forumDescriptivesQuery, useStoreForumCategorySeries } from '../../api/forum.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CsvLink } from './chart-frame.tsx';
import { fixed, percent } from './format.ts';

/** The forum before any coding: topics and posts per category, posts per topic, replies, accepted answers, staff posts. */
export function ForumSection({ studyId, isOwner }: { studyId: number; isOwner: boolean }) {
  const client = useClient();
  const query = useQuery(forumDescriptivesQuery(client, studyId));
  const store = useStoreForumCategorySeries(studyId);
  const d = query.data;
  const categories = new Map<string, { topics: number; posts: number; months: number }>();
  for (const r of d?.perCategoryMonth ?? []) {
    const c = categories.get(r.category) ?? { topics: 0, posts: 0, months: 0 };
    categories.set(r.category, { topics: c.topics + r.topics, posts: c.posts + r.posts, months: c.months + 1 });
  }
  return (
    <section aria-labelledby="an-forum-heading" className="card">
      <div className="an-head">
        <h2 id="an-forum-heading">The forum</h2>
        <CsvLink href={forumDescriptivesCsvUrl(client, studyId)}>Per category and month CSV</CsvLink>
      </div>
      <ErrorMessage error={query.error} />
      {d ? (
        <>
          <p className="hint">
            {d.topics} topics and {d.posts} posts in {d.sources.map((s) => s.name).join(', ')}; topics counted by their
            creation month, posts by their own month. Posts per topic: mean {fixed(d.postsPerTopic?.mean ?? 0)}, median{' '}
            {d.postsPerTopic?.median ?? '—'}, 90th percentile {d.postsPerTopic?.p90 ?? '—'}, most{' '}
            {d.postsPerTopic?.max ?? '—'}
            {d.unansweredShare === null ? '.' : `; ${percent(d.unansweredShare)} of topics have no reply.`}
          </p>
          <p className="hint">
            {d.accepted.share === null
              ? 'No topics yet.'
              : `${d.accepted.topics} topics (${percent(d.accepted.share)}) have an accepted answer.`}{' '}
            {d.staff.share === null
              ? ''
              : `${d.staff.posts} posts (${percent(d.staff.share)}) are by forum staff (admins, moderators, staff), ${d.staff.otherPosts} by other users.`}
          </p>
          <div className="an-scroll">
            <table className="table compact" aria-label="Topics and posts per category">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Topics
                  </th>
                  <th scope="col" className="num">
                    Posts
                  </th>
                  <th scope="col" className="num">
                    Months
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...categories].map(([name, c]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td className="num">{c.topics}</td>
                    <td className="num">{c.posts}</td>
                    <td className="num">{c.months}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table compact" aria-label="Topics with an accepted answer per month">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Topics
                  </th>
                  <th scope="col" className="num">
                    Solved
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.accepted.perMonth.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td className="num">{m.topics}</td>
                    <td className="num">{m.solved}</td>
                    <td className="num">{percent(m.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table compact" aria-label="Topics by number of replies">
              <thead>
                <tr>
                  <th scope="col">Replies</th>
                  <th scope="col" className="num">
                    Topics
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.replies.map((r) => (
                  <tr key={r.bucket}>
                    <th scope="row">{r.bucket}</th>
                    <td className="num">{r.topics}</td>
                    <td className="num">{percent(r.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {isOwner ? (
            <p>
              <button
                type="button"
                className="secondary small"
                onClick={() => store.mutate('topics')}
                disabled={store.isPending}
              >
                Add topics per category as series
              </button>
              {store.data ? <span role="status"> Stored “{store.data.set.name}”.</span> : null}
            </p>
          ) : null}
          <ErrorMessage error={store.error} />
        </>
      ) : null}
    </section>
  );
}
