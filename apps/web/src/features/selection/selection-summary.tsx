import type { SelectionRule } from '../../api/selection.ts';
import { describeRule } from './describe-rule.ts';

interface Props {
  threads: number;
  posts: number;
  note: string | null;
  rules: SelectionRule[];
  sourceName: (id: number) => string;
}

/** The study's population now, and every rule that built it, in the order applied. */
export function SelectionSummary({ threads, posts, note, rules, sourceName }: Props) {
  return (
    <section className="card" aria-labelledby="selection-heading">
      <h2 id="selection-heading">Selected threads</h2>
      <p className="selection-counts">
        <strong>{threads.toLocaleString()}</strong> threads with <strong>{posts.toLocaleString()}</strong> posts are
        selected; sampling draws units from them.
      </p>
      {note ? <p className="hint">{note}</p> : null}
      {rules.length ? (
        <table className="table" aria-label="Selection rules">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Change</th>
              <th>Rule</th>
              <th>Matched</th>
              <th>Changed</th>
              <th>Threads after</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rule log is append-only, in order
              <tr key={i}>
                <td>{r.at.replace('T', ' ').slice(0, 16)}</td>
                <td>{r.by}</td>
                <td>{r.action === 'add' ? 'Added' : 'Removed'}</td>
                <td>{describeRule(r, sourceName)}</td>
                <td>{r.matched.toLocaleString()}</td>
                <td>{r.changed.toLocaleString()}</td>
                <td>{r.threads.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No selection rules recorded yet.</p>
      )}
    </section>
  );
}
