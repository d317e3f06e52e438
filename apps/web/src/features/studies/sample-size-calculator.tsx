import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { sampleSizeQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

const fmt = (x: number, digits = 2) =>
  x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Cochran's sample size with the finite-population correction. The API computes it
 * (GET /api/sample-size); this shows the inputs, n0, the corrected value and n, and
 * reports n upward so the draw form can start from it.
 */
export function SampleSizeCalculator({
  available,
  onSize,
}: {
  available: number | undefined;
  onSize: (n: number) => void;
}) {
  const [confidence, setConfidence] = useState('0.95');
  const [margin, setMargin] = useState('5');
  const [proportion, setProportion] = useState('50');
  const [populationEdit, setPopulationEdit] = useState<string | null>(null);
  const population = populationEdit ?? (available === undefined ? '' : String(available));
  const input = {
    confidence: Number(confidence),
    margin: Number(margin) / 100,
    proportion: Number(proportion) / 100,
    population: population === '' ? undefined : Number(population),
  };
  const valid =
    input.margin > 0 &&
    input.margin < 1 &&
    input.proportion > 0 &&
    input.proportion < 1 &&
    (input.population === undefined || (Number.isInteger(input.population) && input.population >= 0));
  const size = useQuery({ ...sampleSizeQuery(useClient(), input), enabled: valid });
  const r = valid ? size.data : undefined;
  useEffect(() => {
    if (r) onSize(r.n);
  }, [r, onSize]);
  return (
    <form aria-label="Sample size" className="calculator" onSubmit={(e) => e.preventDefault()}>
      <h3>Sample size</h3>
      <div className="pairs">
        <label>
          Confidence
          <select value={confidence} onChange={(e) => setConfidence(e.target.value)}>
            <option value="0.9">90%</option>
            <option value="0.95">95%</option>
            <option value="0.99">99%</option>
          </select>
        </label>
        <label>
          Margin of error (%)
          <input
            type="number"
            inputMode="decimal"
            min="0.1"
            max="50"
            step="0.1"
            value={margin}
            onChange={(e) => setMargin(e.target.value)}
          />
        </label>
        <label>
          Expected proportion (%)
          <input
            type="number"
            inputMode="decimal"
            min="1"
            max="99"
            step="1"
            value={proportion}
            onChange={(e) => setProportion(e.target.value)}
          />
        </label>
        <label>
          Population
          <input
            type="number"
            inputMode="numeric"
            min="0"
            step="1"
            value={population}
            onChange={(e) => setPopulationEdit(e.target.value)}
          />
        </label>
      </div>
      {available !== undefined ? (
        <p className="hint">{available} units are available to sample in this study.</p>
      ) : null}
      {!valid ? (
        <p className="hint">Margin and proportion must lie between 0 and 100%; the population is a whole number.</p>
      ) : null}
      <ErrorMessage error={size.error} />
      {r ? (
        <dl className="facts formula" aria-label="Sample size result">
          <dt>z</dt>
          <dd>
            {fmt(r.z, 3)} (two-sided, {fmt(r.inputs.confidence * 100, 0)}% confidence)
          </dd>
          <dt>n₀ = z²·p(1−p)/e²</dt>
          <dd>{fmt(r.n0)}</dd>
          <dt>n₀ / (1 + (n₀−1)/N)</dt>
          <dd>
            {r.inputs.population === null ? 'no population given' : `${fmt(r.corrected)} (N = ${r.inputs.population})`}
          </dd>
          <dt>n</dt>
          <dd>
            <output aria-label="n">{r.n}</output>
          </dd>
        </dl>
      ) : null}
    </form>
  );
}
