import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { auditQuery, membersQuery, type AuditEntry, type AuditFilter } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { isoDateTime } from '../../components/dates.ts';

const pageSize = 50;

/** Who changed what in the study, newest first; filters live in the URL so a view can be shared. */
export function AuditPage() {
  const client = useClient();
  const studyId = useStudyId();
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = Object.fromEntries(
    ['action', 'entity', 'userId', 'page'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const audit = useQuery(auditQuery(client, studyId, filter));
  const members = useQuery(membersQuery(client, studyId));
  const people = [...new Map(members.data?.members.map((m) => [m.userId, m])).values()];
  const setFilter = (key: keyof AuditFilter, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  const page = Number(filter.page ?? 1);
  const pages = Math.max(1, Math.ceil((audit.data?.total ?? 0) / pageSize));
  const select = (key: 'action' | 'entity' | 'userId', label: string, options: [string, string][]) => (
    <label>
      {label}
      <select value={filter[key] ?? ''} onChange={(e) => setFilter(key, e.target.value)}>
        <option value="">all</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="audit-heading" className="card">
      <h2 id="audit-heading">Audit log</h2>
      <p className="hint">
        Every change to the study, who made it and when. While the study is blind, coders’ labels and memos stay hidden
        here too.
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of filters that apply at once, outside any form */}
      <div className="inline-form" role="group" aria-label="Filters">
        {select(
          'action',
          'Action',
          (audit.data?.actions ?? []).map((a) => [a, a]),
        )}
        {select(
          'entity',
          'Entity',
          (audit.data?.entities ?? []).map((e) => [e, e]),
        )}
        {select(
          'userId',
          'Person',
          people.map((m) => [String(m.userId), m.displayName]),
        )}
      </div>
      <ErrorMessage error={audit.error} />
      {audit.data ? (
        <>
          <table className="table audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{isoDateTime(e.at, { seconds: true })}</td>
                  <td>{e.user?.displayName ?? 'system'}</td>
                  <td>
                    {e.action}{' '}
                    <span className="hint">
                      {e.entity} {e.entityId}
                    </span>
                  </td>
                  {e.hidden ? (
                    <td colSpan={2} className="hint">
                      hidden while blind
                    </td>
                  ) : (
                    <>
                      <td>
                        <Change value={e.before} />
                      </td>
                      <td>
                        <Change value={e.after} />
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {audit.data.entries.length === 0 ? <p className="hint">Nothing recorded matches these filters.</p> : null}
          <nav aria-label="Pages" className="pager">
            <button
              type="button"
              className="secondary small"
              disabled={page <= 1}
              onClick={() => setFilter('page', String(page - 1))}
            >
              Newer
            </button>
            <span>
              Page {page} of {pages} ({audit.data.total} {audit.data.total === 1 ? 'entry' : 'entries'})
            </span>
            <button
              type="button"
              className="secondary small"
              disabled={page >= pages}
              onClick={() => setFilter('page', String(page + 1))}
            >
              Older
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}

/** A before/after value as short `key: value` lines; nested values as compact JSON. */
function Change({ value }: { value: AuditEntry['before'] }) {
  if (value === null || value === undefined) return <span className="hint">—</span>;
  if (typeof value !== 'object' || Array.isArray(value)) return <code>{JSON.stringify(value)}</code>;
  return (
    <dl className="change">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'string' ? v || '""' : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
