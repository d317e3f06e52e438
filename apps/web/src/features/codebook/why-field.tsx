/** The reason every codebook change records; required, and shown in the version history. */
export function WhyField({
  value,
  onChange,
  label = 'Why (recorded in the history)',
}: {
  value: string;
  onChange: (why: string) => void;
  label?: string;
}) {
  return (
    <label>
      {label}
      <textarea rows={2} aria-required="true" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export const missingWhy = new Error('Say why the codebook changes: the reason is kept in the version history.');
