import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../api/client-context.tsx';
import {
  membersQuery,
  populationQuery,
  roundsQuery,
  useDrawSample,
  type DrawRequest,
  type DrawResponse,
} from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { randomSeed } from './random-seed.ts';

const strataLabels: Record<NonNullable<DrawRequest['strata']>, string> = {
  none: 'none (simple random)',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  category: 'category',
  tag: 'first tag',
};

/** Draws units into an open round, seeded and repeatable, and deals them to the chosen coders. */
export function DrawForm({ studyId, suggestedSize }: { studyId: number; suggestedSize: number | undefined }) {
  const client = useClient();
  const rounds = useQuery(roundsQuery(client, studyId));
  const members = useQuery(membersQuery(client, studyId));
  const draw = useDrawSample(studyId);
  const population = useQuery(populationQuery(client, studyId));
  const [withoutWords, setWithoutWords] = useState(false);
  const [only, setOnly] = useState<'' | 'accepted' | 'staff'>('');
  const open = rounds.data?.rounds.filter((r) => r.status === 'open') ?? [];
  const coders = members.data?.members.filter((m) => m.role === 'coder') ?? [];
  const [roundId, setRoundId] = useState('');
  const [sizeEdit, setSizeEdit] = useState<string | null>(null);
  const [strata, setStrata] = useState<keyof typeof strataLabels>('none');
  const [seed, setSeed] = useState(() => randomSeed());
  const [overlap, setOverlap] = useState('100');
  const [unchecked, setUnchecked] = useState<Set<number>>(new Set());
  // One id per intended draw: a double click sends it twice and the API draws once.
  const [drawId, setDrawId] = useState(() => crypto.randomUUID());
  const size = sizeEdit ?? (suggestedSize === undefined ? '' : String(suggestedSize));
  // The newest open round unless the owner picks another; it follows new rounds as they are created.
  const round = roundId || String(open.at(-1)?.id ?? '');
  const chosen = coders.filter((c) => !unchecked.has(c.userId)).map((c) => c.userId);
  const toggle = (id: number) => setUnchecked((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    draw.mutate(
      {
        roundId: Number(round),
        size: Number(size),
        strata,
        seed,
        overlap: Number(overlap) / 100,
        coderIds: chosen,
        withoutWords,
        ...(only ? { only } : {}),
        drawId,
      },
      {
        // A fresh form for the next draw: the calculator's n, a new seed and a new draw id.
        onSuccess: () => {
          setSizeEdit(null);
          setStrata('none');
          setSeed(randomSeed());
          setOverlap('100');
          setWithoutWords(false);
          setOnly('');
          setDrawId(crypto.randomUUID());
        },
      },
    );
  };
  return (
    <form aria-label="Draw a sample" onSubmit={submit}>
      <h3>Draw</h3>
      <div className="pairs">
        <label>
          Round
          <select value={round} onChange={(e) => setRoundId(e.target.value)} required>
            {open.length === 0 ? <option value="">No open round</option> : null}
            {open.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.kind})
              </option>
            ))}
          </select>
        </label>
        <label>
          Size
          <input type="number" min="1" step="1" value={size} onChange={(e) => setSizeEdit(e.target.value)} required />
        </label>
        <label>
          Strata
          <select value={strata} onChange={(e) => setStrata(e.target.value as keyof typeof strataLabels)}>
            {Object.entries(strataLabels).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label>
          Overlap (%)
          <input
            type="number"
            min="0"
            max="100"
            step="1"
            value={overlap}
            onChange={(e) => setOverlap(e.target.value)}
            required
          />
        </label>
      </div>
      <label>
        Seed
        <span className="with-button">
          <input value={seed} onChange={(e) => setSeed(e.target.value)} required maxLength={100} />
          <button type="button" className="secondary small" onClick={() => setSeed(randomSeed())}>
            New seed
          </button>
        </span>
      </label>
      {population.data?.unitKind === 'post' ? (
        <label className="check">
          <input type="checkbox" checked={withoutWords} onChange={(e) => setWithoutWords(e.target.checked)} />
          Include posts without text of their own ({population.data.withoutWords}: empty, only images, or only quotes,
          link previews or videos)
        </label>
      ) : null}
      {population.data?.unitKind === 'post' ? (
        <label>
          Posts to draw
          <select value={only} onChange={(e) => setOnly(e.target.value as typeof only)}>
            <option value="">Every post</option>
            <option value="accepted">Only accepted answers ({population.data.acceptedAnswers})</option>
            <option value="staff">Only posts by forum staff ({population.data.byStaff})</option>
          </select>
        </label>
      ) : null}
      <p className="hint">
        The overlap share is coded by every chosen coder (for agreement); the rest is dealt out one coder per unit.
      </p>
      <fieldset className="coders">
        <legend>Coders</legend>
        {coders.length === 0 ? <p className="hint">Add coders to the study first.</p> : null}
        {coders.map((c) => (
          <label key={c.userId} className="check">
            <input type="checkbox" checked={!unchecked.has(c.userId)} onChange={() => toggle(c.userId)} />
            {c.displayName}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={draw.isPending || !round || chosen.length === 0}>
        Draw sample
      </button>
      <ErrorMessage error={draw.error} />
      {draw.data && draw.variables ? <DrawResult result={draw.data} seed={draw.variables.seed} /> : null}
    </form>
  );
}

function DrawResult({ result, seed }: { result: DrawResponse; seed: string }) {
  return (
    <section aria-label="Draw result" className="result" role="status">
      <p>
        Drew <strong>{result.units}</strong> units from {result.population} available, with seed <code>{seed}</code>.
      </p>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Stratum</th>
            <th scope="col">Available</th>
            <th scope="col">Drawn</th>
          </tr>
        </thead>
        <tbody>
          {result.strata.map((s) => (
            <tr key={s.stratum}>
              <td>{s.stratum === 'all' ? 'all (no strata)' : s.stratum}</td>
              <td>{s.population}</td>
              <td>{s.sampled}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
