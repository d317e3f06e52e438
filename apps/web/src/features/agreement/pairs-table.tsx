import type { AgreementSummary } from '../../api/agreement.ts';
import { StatText } from './stat-value.tsx';

/** Cohen's kappa and raw agreement for every two coders, on the units both coded. */
export function PairsTable({
  summary,
  coderName,
}: {
  summary: AgreementSummary;
  coderName: (username: string) => string;
}) {
  return (
    <section aria-labelledby="agr-pairs" className="card">
      <h2 id="agr-pairs">Per coder pair</h2>
      {summary.pairs.length === 0 ? (
        <p>No two coders have coded the same unit yet.</p>
      ) : (
        <table className="table agr-table" aria-label="Agreement per coder pair">
          <thead>
            <tr>
              <th scope="col">Coders</th>
              <th scope="col">Units both coded</th>
              <th scope="col">Percent agreement</th>
              <th scope="col">Cohen’s κ</th>
            </tr>
          </thead>
          <tbody>
            {summary.pairs.map((p) => (
              <tr key={`${p.coderA}|${p.coderB}`}>
                <th scope="row">
                  {coderName(p.coderA)} &amp; {coderName(p.coderB)}
                </th>
                <td className="agr-num">{p.units}</td>
                <td>
                  <StatText statKey="percent_agreement" stat={p.percentAgreement} />
                </td>
                <td>
                  <StatText statKey="cohen_kappa" stat={p.kappa} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
