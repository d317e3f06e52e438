import type { ReactNode } from 'react';

/** One export: what the file holds, its options, and the download link(s) — or why the caller cannot have it. */
export function ExportCard({
  id,
  title,
  children,
  unavailable,
}: {
  id: string;
  title: string;
  children: ReactNode;
  unavailable?: string | null;
}) {
  return (
    <section aria-labelledby={id} className="card exp-card">
      <h2 id={id}>{title}</h2>
      {children}
      {unavailable ? <p className="hint exp-unavailable">{unavailable}</p> : null}
    </section>
  );
}

export function Download({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="exp-button" href={href} download>
      {children}
    </a>
  );
}

/** The columns of a tidy CSV, as a definition list a reader can scan. */
export function Columns({ columns }: { columns: [string, string][] }) {
  return (
    <dl className="exp-columns">
      {columns.map(([name, meaning]) => (
        <div key={name}>
          <dt>
            <code>{name}</code>
          </dt>
          <dd>{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
