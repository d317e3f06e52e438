import type { ImportRecord } from '../../api/imports.ts';

/** Why the import failed and where in the file; nothing from a failed import is stored. */
export function ImportError({ error }: { error: NonNullable<ImportRecord['error']> }) {
  const where = error.where;
  return (
    <div role="alert" className="card import-failed">
      <h2>The import failed</h2>
      <p>{error.message}</p>
      {where ? (
        <dl className="facts">
          {where.file ? (
            <>
              <dt>File</dt>
              <dd>{where.file}</dd>
            </>
          ) : null}
          {where.line !== undefined ? (
            <>
              <dt>Line</dt>
              <dd>{where.line}</dd>
            </>
          ) : null}
          {where.field ? (
            <>
              <dt>Field</dt>
              <dd>
                <code>{where.field}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="hint">
        Nothing from this file was stored. Fix the file, or import it in lenient mode to skip bad records.
      </p>
    </div>
  );
}
