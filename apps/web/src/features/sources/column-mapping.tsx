// Which column of a CSV/JSONL post table holds each field; offered from the file's own header.

const mappingFields = [
  { key: 'threadId', label: 'Thread id', column: 'thread_id', required: true },
  { key: 'postId', label: 'Post id', column: 'post_id', required: true },
  { key: 'createdAt', label: 'Created at', column: 'created_at', required: true },
  { key: 'body', label: 'Body', column: 'body', required: true },
  { key: 'author', label: 'Author', column: 'author', required: false },
  { key: 'title', label: 'Title', column: 'title', required: false },
  { key: 'category', label: 'Category', column: 'category', required: false },
  { key: 'tags', label: 'Tags', column: 'tags', required: false },
] as const;

export type Mapping = Record<string, string>;

/** Each field mapped to the column of the same default name when the file has one. */
export function initialMapping(columns: string[]): Mapping {
  const mapping: Mapping = { bodyFormat: 'text' };
  for (const f of mappingFields) mapping[f.key] = columns.includes(f.column) ? f.column : '';
  return mapping;
}

/** The first required field without a column, if any. */
export function missingRequired(mapping: Mapping): string | null {
  return mappingFields.find((f) => f.required && !mapping[f.key])?.label ?? null;
}

export function ColumnMapping({
  columns,
  mapping,
  onChange,
}: {
  columns: string[];
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) {
  return (
    <fieldset className="column-mapping">
      <legend>Column mapping</legend>
      {columns.length === 0 ? (
        <p className="hint">The file's first line has no column names; check the format.</p>
      ) : null}
      <div className="mapping-grid">
        {mappingFields.map((f) => (
          <label key={f.key}>
            {f.label}
            {f.required ? ' (required)' : ''}
            <select value={mapping[f.key] ?? ''} onChange={(e) => onChange({ ...mapping, [f.key]: e.target.value })}>
              <option value="">{f.required ? 'Choose a column…' : '(not in the file)'}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          Body holds
          <select
            value={mapping.bodyFormat ?? 'text'}
            onChange={(e) => onChange({ ...mapping, bodyFormat: e.target.value })}
          >
            <option value="text">plain text</option>
            <option value="html">HTML</option>
          </select>
        </label>
      </div>
    </fieldset>
  );
}
