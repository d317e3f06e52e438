import type { AgreementSummary, Confusion } from '../../api/agreement.ts';
import type { Names } from './names.ts';

/** Why unit-level detail is missing or partial: the blind rule, said once for both sections. */
export function HiddenNote({ hidden, shown }: { hidden: AgreementSummary['hidden']; shown: boolean }) {
  if (hidden.units === 0) return null;
  const rounds = hidden.rounds.map((r) => `“${r.name}”`).join(', ');
  return (
    <p className="agr-hidden" role="note">
      {shown ? `${hidden.units} ${hidden.units === 1 ? 'unit' : 'units'} of ${rounds} left out: ` : 'Hidden: '}
      while a round is open and blind, this would show how each coder labelled its units. It appears once the owner
      closes or unblinds {hidden.rounds.length === 1 ? 'the round' : 'those rounds'}.
    </p>
  );
}

function CategoryMatrix({
  confusion,
  names,
}: {
  confusion: Extract<Confusion, { layout: 'categories' }>;
  names: Names;
}) {
  const a = names.coder(confusion.coderA);
  const b = names.coder(confusion.coderB);
  return (
    <table className="table agr-matrix" aria-label={`Confusion matrix of ${a} and ${b}`}>
      <thead>
        <tr>
          <th scope="col">
            {a} ↓ / {b} →
          </th>
          {confusion.categories.map((c) => (
            <th key={c} scope="col">
              {names.code(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.categories.map((row, i) => (
          <tr key={row}>
            <th scope="row">{names.code(row)}</th>
            {confusion.counts[i]!.map((n, j) => (
              <td
                key={confusion.categories[j]}
                className={`agr-num${i === j ? ' agr-diagonal' : ''}${n === 0 ? ' agr-zero' : ''}`}
              >
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// counts[a][b], index 0 = absent and 1 = present (see the API's agreement/details.ts).
function PresenceMatrix({ confusion, names }: { confusion: Extract<Confusion, { layout: 'presence' }>; names: Names }) {
  const a = names.coder(confusion.coderA);
  const b = names.coder(confusion.coderB);
  return (
    <table className="table agr-matrix" aria-label={`Confusion matrix of ${a} and ${b}`}>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Both applied</th>
          <th scope="col">Only {a}</th>
          <th scope="col">Only {b}</th>
          <th scope="col">Neither</th>
        </tr>
      </thead>
      <tbody>
        {confusion.codes.map(({ codeId, counts }) => (
          <tr key={codeId}>
            <th scope="row">{names.code(codeId)}</th>
            <td className="agr-num agr-diagonal">{counts[1]![1]}</td>
            <td className="agr-num">{counts[1]![0]}</td>
            <td className="agr-num">{counts[0]![1]}</td>
            <td className="agr-num agr-diagonal">{counts[0]![0]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The confusion matrix of one coder pair, with a selector for the pair. */
export function ConfusionSection({
  summary,
  names,
  onPair,
}: {
  summary: AgreementSummary;
  names: Names;
  onPair: (pair: [number, number]) => void;
}) {
  const { confusion, pairs } = summary;
  const id = (username: string) => summary.coders.find((c) => c.username === username)?.id;
  const selected = confusion ? `${id(confusion.coderA)},${id(confusion.coderB)}` : '';
  return (
    <section aria-labelledby="agr-confusion" className="card">
      <h2 id="agr-confusion">Confusion matrix</h2>
      {confusion && pairs.length > 0 ? (
        <label className="agr-inline">
          Coder pair
          <select value={selected} onChange={(e) => onPair(e.target.value.split(',').map(Number) as [number, number])}>
            {pairs.flatMap((p) => {
              const [x, y] = [id(p.coderA), id(p.coderB)];
              return [
                <option key={`${x},${y}`} value={`${x},${y}`}>
                  {names.coder(p.coderA)} (rows) × {names.coder(p.coderB)}
                </option>,
                <option key={`${y},${x}`} value={`${y},${x}`}>
                  {names.coder(p.coderB)} (rows) × {names.coder(p.coderA)}
                </option>,
              ];
            })}
          </select>
        </label>
      ) : null}
      <HiddenNote hidden={summary.hidden} shown={confusion !== null} />
      {confusion === null ? (
        summary.hidden.units === 0 ? (
          <p>No unit has been coded by two coders yet.</p>
        ) : null
      ) : (
        <>
          <p className="hint">
            {confusion.units} {confusion.units === 1 ? 'unit' : 'units'} both coded
            {confusion.onlyA + confusion.onlyB > 0
              ? `; ${confusion.onlyA} only by ${names.coder(confusion.coderA)}, ${confusion.onlyB} only by ${names.coder(confusion.coderB)}`
              : ''}
            .
            {confusion.layout === 'presence'
              ? ' In a multi-label study each code is compared as present or absent.'
              : ''}
          </p>
          {confusion.layout === 'categories' ? (
            <CategoryMatrix confusion={confusion} names={names} />
          ) : (
            <PresenceMatrix confusion={confusion} names={names} />
          )}
        </>
      )}
    </section>
  );
}
