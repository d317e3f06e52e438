import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { agreementQuery, type AgreementParams } from '../../api/agreement.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { WithheldNotice } from '../../components/withheld-notice.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { ConfusionSection } from './confusion-matrix.tsx';
import { AgreementControls } from './controls.tsx';
import { DisagreementList } from './disagreement-list.tsx';
import { Headline, StatisticsTable } from './headline.tsx';
import { namesOf } from './names.ts';
import { PairsTable } from './pairs-table.tsx';
import { PerCodeTable } from './per-code-table.tsx';
import { RoundsChart } from './rounds-chart.tsx';

export const RESAMPLES = 1000;

/** Round, bootstrap, seed and pair live in the address, so a view of the numbers can be linked to. */
function useAgreementParams() {
  const [search, setSearch] = useSearchParams();
  const int = (name: string) => (/^-?\d+$/.test(search.get(name) ?? '') ? Number(search.get(name)) : undefined);
  const pair = /^\d+,\d+$/.test(search.get('pair') ?? '')
    ? (search.get('pair')!.split(',').map(Number) as [number, number])
    : undefined;
  const params: AgreementParams = {
    roundId: int('round'),
    bootstrap: search.get('ci') === '1' ? RESAMPLES : undefined,
    seed: int('seed') ?? 1,
    pair,
    assisted: search.get('assisted') === 'exclude' ? 'exclude' : undefined,
  };
  const update = (changes: Record<string, string | number | null | undefined>) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });
  return { params, update };
}

/** /studies/:studyId/agreement: how well the coders agree, overall, per round, per code and per pair. */
export function AgreementPage() {
  const client = useClient();
  const studyId = useStudyId();
  const { params, update } = useAgreementParams();
  const report = useQuery(agreementQuery(client, studyId, params));
  if (report.isPending) return <p className="loading">Loading agreement…</p>;
  if (report.isError && !report.data) {
    return (
      <section aria-labelledby="agr-heading" className="card">
        <h2 id="agr-heading">Agreement</h2>
        <ErrorMessage error={report.error} />
      </section>
    );
  }
  const summary = report.data;
  const names = namesOf(summary);
  const controls = (
    <AgreementControls
      studyId={studyId}
      summary={summary}
      params={params}
      update={update}
      updating={report.isPlaceholderData}
      error={report.error}
    />
  );
  // Withheld rounds within the chosen scope (the whole study, or one round).
  const withheld = summary.withheld.filter((r) => summary.roundId === null || r.id === summary.roundId);
  const notice = <WithheldNotice rounds={withheld} what="these statistics" />;
  // Nothing left to compute from: the notice alone, rather than a page of empty statistics.
  if (withheld.length > 0 && summary.overall.units === 0) {
    return (
      <div className="agr-page" aria-busy={report.isFetching}>
        {controls}
        {notice}
      </div>
    );
  }
  return (
    <div className="agr-page" aria-busy={report.isFetching}>
      {controls}
      {notice}
      <Headline summary={summary} names={names} />
      <RoundsChart summary={summary} />
      <div className="agr-grid">
        <section aria-labelledby="agr-all" className="card">
          <h2 id="agr-all">All statistics</h2>
          <StatisticsTable summary={summary} />
        </section>
        <PairsTable summary={summary} coderName={names.coder} />
      </div>
      <PerCodeTable summary={summary} codeName={names.code} />
      <ConfusionSection summary={summary} names={names} onPair={(pair) => update({ pair: pair.join(',') })} />
      <DisagreementList summary={summary} names={names} studyId={studyId} params={params} />
    </div>
  );
}
