import type { CodeNode } from '../../api/analysis.ts';

/** Checkboxes for the codes to chart, in codebook order and indented by level; codes without units are left out. */
export function CodePicker({
  codes,
  totals,
  selected,
  onChange,
}: {
  codes: readonly CodeNode[];
  totals: ReadonlyMap<string, number>;
  selected: readonly string[];
  onChange(ids: string[]): void;
}) {
  const shown = codes.filter((c) => (totals.get(c.id) ?? 0) > 0);
  const toggle = (id: string, on: boolean) =>
    onChange(
      on ? shown.map((c) => c.id).filter((x) => x === id || selected.includes(x)) : selected.filter((x) => x !== id),
    );
  return (
    <fieldset className="an-picker">
      <legend>Codes to chart</legend>
      <div className="an-picker-actions">
        <button type="button" className="link" onClick={() => onChange([])}>
          Clear
        </button>
      </div>
      <ul>
        {shown.map((c) => (
          <li
            key={c.id}
            style={{ paddingLeft: `${c.depth * 1}rem` }}
            className={c.depth === 0 ? 'an-dimension' : undefined}
          >
            <label className="an-check">
              <input
                type="checkbox"
                checked={selected.includes(c.id)}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />
              <span>{c.name}</span>
              <span className="hint">{totals.get(c.id)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
