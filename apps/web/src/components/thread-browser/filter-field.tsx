import { threadFilters, type ThreadFilterName } from '@threadcoder/api/threads/filters.ts';
import type { Source } from '../../api/imports.ts';
import type { Facets } from '../../api/threads.ts';
import { SourceOptions } from '../source-options.tsx';

interface Props {
  name: ThreadFilterName;
  /** The URL's value; '' when the filter is not set. */
  value: string;
  onChange: (value: string) => void;
  sources: Source[];
  facets: Facets | undefined;
}

/** The labelled control a declared filter asks for (threads/filters.ts `input`); the search box is the form's own. */
export function FilterField({ name, value, onChange, sources, facets }: Props) {
  const { label, input } = threadFilters[name];
  const bind = { value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  switch (input.kind) {
    case 'search':
      return null;
    case 'source':
      return (
        <label>
          {label}
          <select {...bind}>
            <SourceOptions sources={sources} />
          </select>
        </label>
      );
    case 'facet':
      return (
        <label>
          {label}
          <select {...bind}>
            <option value="">{input.any}</option>
            {facets?.[input.facet].map((f) => (
              <option key={f.name} value={f.name}>
                {f.name} ({f.threads})
              </option>
            ))}
          </select>
        </label>
      );
    case 'date':
      return (
        <label>
          {label}
          <input type="date" {...bind} />
        </label>
      );
    case 'number':
      return (
        <label>
          {label}
          <input type="number" className="narrow" placeholder="any" {...bind} />
        </label>
      );
    case 'choice':
      return (
        <label>
          {label}
          <select {...bind}>
            {input.options.map(([option, text]) => (
              <option key={option} value={option}>
                {text}
              </option>
            ))}
          </select>
        </label>
      );
  }
}
