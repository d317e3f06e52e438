import { useState } from 'react';
import type { CodebookVersionInfo } from '../../api/codebook.ts';
import { VersionDiff } from './version-diff.tsx';
import { isoDateTime } from '../../components/dates.ts';

function mappingText(v: CodebookVersionInfo): string {
  return v.mappings.map((m) => `${m.kind}: ${m.from.join(', ')} → ${m.to.join(', ')}`).join('; ');
}

/** Every version with who made it, when and why, and the changes between any two of them. */
export function VersionHistory({
  studyId,
  versions,
  pinned,
  nameOf,
}: {
  studyId: number;
  versions: readonly CodebookVersionInfo[];
  pinned: number;
  nameOf: (id: string | null) => string;
}) {
  const latest = versions[0]?.version ?? 1;
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  // Until a range is chosen, the newest change is shown.
  const { from, to } = range ?? { from: Math.max(1, latest - 1), to: latest };
  const numbers = versions.map((v) => v.version);
  return (
    <section className="card" aria-label="Version history">
      <h2>Version history</h2>
      <table className="table" aria-label="Versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>When</th>
            <th>Who</th>
            <th>Why</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">
                {v.version}
                {v.version === pinned ? <span className="cb-badge">study codes with this</span> : null}
              </th>
              <td>{isoDateTime(v.createdAt)}</td>
              <td>{v.createdByName ?? '—'}</td>
              <td>
                {v.message}
                {v.mappings.length > 0 ? <span className="hint cb-mapping"> ({mappingText(v)})</span> : null}
              </td>
              <td className="actions">
                {v.version > 1 ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => setRange({ from: v.version - 1, to: v.version })}
                  >
                    Changes in version {v.version}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {latest > 1 ? (
        <>
          <div className="inline-form">
            <label>
              Compare version
              <select value={from} onChange={(e) => setRange({ from: Number(e.target.value), to })}>
                {numbers.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with version
              <select value={to} onChange={(e) => setRange({ from, to: Number(e.target.value) })}>
                {numbers.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <VersionDiff studyId={studyId} from={from} to={to} nameOf={nameOf} />
        </>
      ) : null}
    </section>
  );
}
