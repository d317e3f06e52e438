import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { sessionQuery } from '../../api/auth.ts';
import { useClient } from '../../api/client-context.tsx';
import { codebookQuery } from '../../api/codebook-read.ts';
import { myUnitsSummaryQuery, progressQuery, roundsQuery, unitQuery } from '../../api/coding.ts';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { CodingWorkspace } from './coding-workspace.tsx';
import { defaultRound } from './round-picker.tsx';
import { useUnitOrder } from './use-unit-order.ts';

const numberParam = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : null);

/**
 * /studies/:id/code[?round=R][&unit=U]: picks the round (the named one, the named unit's, or
 * the first open one with work left) and hands it to the workspace.
 */
export function CodingPage() {
  const client = useClient();
  const studyId = useStudyId();
  const [params] = useSearchParams();
  const unitParam = numberParam(params.get('unit'));
  const roundParam = numberParam(params.get('round'));

  const session = useQuery(sessionQuery(client));
  const study = useQuery(studyQuery(client, studyId));
  const rounds = useQuery(roundsQuery(client, studyId));
  const progress = useQuery(progressQuery(client, studyId));
  const codebook = useQuery(codebookQuery(client, studyId));
  const namedUnit = useQuery({
    ...unitQuery(client, studyId, unitParam ?? 0),
    enabled: unitParam !== null && roundParam === null,
  });

  const me = session.data?.user?.id;
  const mine = progress.data?.progress.filter((p) => p.coderId === me) ?? [];
  const roundId =
    roundParam ??
    namedUnit.data?.unit.roundId ??
    (rounds.data ? defaultRound(rounds.data.rounds, mine)?.id : undefined);
  // Counts and the first unit to code; the units themselves come a page at a time (coding-workspace.tsx).
  const summary = useQuery({
    ...myUnitsSummaryQuery(client, studyId, roundId ?? 0, null),
    enabled: roundId !== undefined,
  });

  // "Most uncertain first" walks a ranking the server made for this visit, with its own counts.
  // Until that ranking and the study's model are there, the round's order.
  const { order, setOrder, ranking, rerank } = useUnitOrder(studyId, roundId);
  const made = order === 'uncertainty' ? ranking.data?.ranking : null;
  const ranked =
    made && made.modelVersion !== null ? { rankedAt: made.rankedAt, modelVersion: made.modelVersion } : null;
  const units = ranked !== null ? ranking : summary;

  const error = study.error ?? rounds.error ?? progress.error ?? codebook.error ?? namedUnit.error ?? units.error;
  if (error) return <ErrorMessage error={error} />;
  if (
    !study.data ||
    !rounds.data ||
    !progress.data ||
    !codebook.data ||
    (unitParam !== null && roundParam === null && !namedUnit.data)
  ) {
    return <p className="loading">Loading…</p>;
  }
  if (roundId === undefined) return <p>This study has no rounds yet.</p>;
  if (!units.data) return <p className="loading">Loading…</p>;

  return (
    <CodingWorkspace
      // Another order starts afresh: a place in one list is no place in the other.
      key={ranked ? ranked.rankedAt : 'position'}
      studyId={studyId}
      roundId={roundId}
      rounds={rounds.data.rounds}
      progress={mine.find((p) => p.roundId === roundId)}
      summary={units.data}
      ranked={ranked}
      order={order}
      onOrder={setOrder}
      onRerank={rerank}
      unitId={unitParam}
      roles={study.data.study.roles}
      codebook={codebook.data}
    />
  );
}
