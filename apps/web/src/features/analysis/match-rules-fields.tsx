import type { KeywordGroup } from '../../api/analysis.ts';

export type MatchRules = KeywordGroup['rules'];

const MODES: { value: MatchRules['mode']; label: string }[] = [
  { value: 'stemmed', label: 'whole words, stemmed' },
  { value: 'word', label: 'whole words as written' },
  { value: 'prefix', label: 'word beginnings' },
  { value: 'substring', label: 'anywhere in words' },
];

/** The matching rules of a keyword group: how terms match, case, and which parts of a post count. */
export function MatchRulesFields({ rules, onChange }: { rules: MatchRules; onChange(rules: MatchRules): void }) {
  const set = (change: Partial<MatchRules>) => onChange({ ...rules, ...change });
  return (
    <fieldset className="an-rules-fields">
      <legend>Matching rules</legend>
      <label>
        Match
        <select
          value={rules.mode}
          onChange={(e) => {
            const mode = e.target.value as MatchRules['mode'];
            // stemmed lines are lower-case: case cannot be matched there
            set({ mode, caseSensitive: mode === 'stemmed' ? false : rules.caseSensitive });
          }}
        >
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="an-check">
        <input
          type="checkbox"
          checked={rules.caseSensitive}
          disabled={rules.mode === 'stemmed'}
          onChange={(e) => set({ caseSensitive: e.target.checked })}
        />{' '}
        Case-sensitive
      </label>
      <label className="an-check">
        <input type="checkbox" checked={rules.quotes} onChange={(e) => set({ quotes: e.target.checked })} /> Count
        quoted text
      </label>
      <label className="an-check">
        <input type="checkbox" checked={rules.previews} onChange={(e) => set({ previews: e.target.checked })} /> Count
        link previews
      </label>
    </fieldset>
  );
}
