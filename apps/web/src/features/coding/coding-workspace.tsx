import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StudyCodebook } from '../../api/codebook-read.ts';
import { useClient } from '../../api/client-context.tsx';
import {
  myUnitsSummaryQuery,
  type MyUnitsSummary,
  type Progress,
  type RankedOrder,
  type Round,
  unitQuery,
  useSaveCoding,
} from '../../api/coding.ts';
import type { UnitOrder } from '../../api/suggestions.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NewerRanking } from './newer-ranking.tsx';
import { OrderPicker } from './order-picker.tsx';
import { setConflict } from './conflicts.ts';
import { clearDraft, rebaseDraft } from './drafts.ts';
import { KeysDialog } from './keys-dialog.tsx';
import { followOwnSaves, recordOwnSave } from './own-saves.ts';
import { RoundPicker, RoundProgress } from './round-picker.tsx';
import { SaveStatus } from './save-status.tsx';
import { UnitEditor } from './unit-editor.tsx';
import { UnitList } from './unit-list.tsx';
import { announceSaved, useUnitSync } from './unit-sync.ts';
import { isRankingReplaced, type ListedAt, pagedIndexOf, pagesFor, usePagedSequence } from './unit-sequence.ts';
import { useKeys } from './use-keys.ts';
import { useResendDrafts } from './use-resend-drafts.ts';

interface Props {
  studyId: number;
  roundId: number;
  rounds: readonly Round[];
  progress: Progress | undefined;
  /** The coder's units in the round: how many, and the first still uncoded (in the order walked). */
  summary: MyUnitsSummary;
  /** The order walked: the round's (null) or the ranking made at this time (most uncertain first). */
  ranked: RankedOrder;
  order: UnitOrder;
  onOrder: (order: UnitOrder) => void;
  /** A fresh ranking, in the order of the study's model now. */
  onRerank: () => void;
  /** The unit named in the address, if any. */
  unitId: number | null;
  roles: readonly string[];
  codebook: StudyCodebook;
}

/** The coding screen for one round: the bar (round, progress, save state), the unit list, and the open unit. */
export function CodingWorkspace({
  studyId,
  roundId,
  rounds,
  progress,
  summary,
  ranked,
  order,
  onOrder,
  onRerank,
  unitId: named,
  roles,
  codebook,
}: Props) {
  // The units come a page at a time in the order walked, the pages in view and around the open unit.
  const client = useClient();
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  const [help, setHelp] = useState(false);
  // The unit moved to by a key shows at once (an urgent update); the address follows as a router
  // transition, and once it names that unit the address is the source again (links, back button).
  const [moved, setMoved] = useState<ListedAt | null>(null);
  // (It keeps the unit's place in the list, which the address does not hold.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new address or round ends the key's move, by design
  useEffect(() => setMoved((m) => (m !== null && m.unitId === named ? m : null)), [named, roundId]);
  // A unit named in the address is found among the loaded units, else the server says where it is.
  const namedIndex = named === null ? undefined : pagedIndexOf(queryClient, studyId, roundId, named, ranked);
  const namedSummary = useQuery({
    ...myUnitsSummaryQuery(client, studyId, roundId, named ?? 0, ranked),
    enabled: named !== null && namedIndex === undefined,
  });
  // Where the named unit is: its index, -1 when it is not one of the coder's, null until known.
  const namedAt = namedIndex ?? (namedSummary.data ? (namedSummary.data.unit?.index ?? -1) : null);
  // The pages around the open unit stay loaded (with nothing named yet, the first: it may open there).
  const near = moved?.index ?? (named === null ? 0 : (namedAt ?? -1));
  const units = usePagedSequence(studyId, roundId, ranked, summary.total, [near - 1, near, near + 1]);
  const roundOpen = rounds.find((r) => r.id === roundId)?.status === 'open';
  const first = units.unitAt(0);
  // An open round opens at the first unit left to code; a closed one at its start, for review.
  const opening = (roundOpen ? summary.nextUncoded : null) ?? (first ? { unitId: first.unitId, index: 0 } : null);
  const current: ListedAt | null =
    moved ?? (named !== null ? (namedAt === null ? null : { unitId: named, index: namedAt }) : opening);
  const unitId = current?.unitId ?? named;
  const index = current?.index ?? -1;
  // The unit to open is known but not yet where it is in the list (or the first page is on its way).
  const locating = current === null && (named !== null || summary.total > 0);
  const detail = useQuery({ ...unitQuery(client, studyId, unitId ?? 0), enabled: unitId !== null });

  const saver = useSaveCoding(studyId, {
    baseVersion: (v) => followOwnSaves(queryClient, studyId, v.unitId, v.baseVersion),
    onSaved: (v, saved, base) => {
      recordOwnSave(queryClient, studyId, v.unitId, base, saved.version);
      clearDraft(studyId, v.unitId, v.coding);
      rebaseDraft(studyId, v.unitId, base, saved.version);
      announceSaved(studyId, saved);
    },
    onRefused: (v) => clearDraft(studyId, v.unitId, v.coding),
    onConflict: (v, theirs) => setConflict(queryClient, studyId, v.unitId, { theirs, mine: v.coding }),
  });
  const save = saver.mutate;
  useResendDrafts(studyId, save);
  useUnitSync(studyId);

  // A move whose page could not be loaded says why (a ranking replaced in another tab, say)
  // rather than leave the key doing nothing; the error belongs to the round and order it was made in.
  const walked = `${roundId} ${ranked?.rankedAt ?? ''} ${ranked?.modelVersion ?? ''}`;
  const [failedMove, setFailedMove] = useState<{ walked: string; error: unknown } | null>(null);
  const moveError = failedMove?.walked === walked ? failedMove.error : null;
  const moveFailed = (error: unknown) => setFailedMove({ walked, error });
  const go = useCallback(
    (to: ListedAt | null) => {
      if (to === null) return;
      setFailedMove(null);
      setMoved(to);
      setParams({ round: String(roundId), unit: String(to.unitId) }, { replace: true });
    },
    [roundId, setParams],
  );
  /** Moves to the unit at an index, at once when its page is here, else once it has come. */
  const goToIndex = (at: number) => {
    if (at < 0 || at >= units.total) return;
    const here = units.unitAt(at);
    if (here) go({ unitId: here.unitId, index: at });
    else void units.load(at).then((u) => u && go({ unitId: u.unitId, index: at }), moveFailed);
  };

  // Name the unit opened by default in the address, so it stays open once it counts as coded.
  useEffect(() => {
    if (named === null && unitId !== null) go({ unitId, index });
  }, [named, unitId, index, go]);

  // The next units are in the cache before the coder asks for them, so moving on renders at once.
  const nextId = units.unitAt(index + 1)?.unitId;
  const previousId = index > 0 ? units.unitAt(index - 1)?.unitId : undefined;
  useEffect(() => {
    for (const id of [nextId, previousId])
      if (id !== undefined) void queryClient.prefetchQuery(unitQuery(client, studyId, id));
  }, [client, queryClient, studyId, nextId, previousId]);

  // The three columns fill the window below the study's header, each scrolling on its own.
  const main = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const fit = () => {
      const el = main.current;
      if (el)
        el.style.setProperty(
          '--fit',
          `max(26rem, calc(100vh - ${Math.round(el.getBoundingClientRect().top + window.scrollY)}px - 1rem))`,
        );
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  useKeys((key) => {
    if (key === '?') {
      setHelp(true);
      return true;
    }
    const step = ['j', 'ArrowDown', 'ArrowRight'].includes(key)
      ? 1
      : ['k', 'ArrowUp', 'ArrowLeft'].includes(key)
        ? -1
        : 0;
    if (step === 0 || unitId === null) return false;
    goToIndex(index === -1 ? 0 : index + step);
    return true;
  });

  const assigned = index !== -1;
  const readOnly = !assigned
    ? 'This unit is not assigned to you: you can read it, but not code it.'
    : detail.data?.unit.roundStatus !== 'open'
      ? 'This round is closed: your coding is shown read-only.'
      : detail.data.unit.handedOver
        ? 'Every coder has finished this unit and it has gone to adjudication: your coding is shown read-only.'
        : null;

  let body: ReactNode;
  if (locating) {
    body = <p className="loading">Loading the unit…</p>;
  } else if (unitId === null) {
    body = (
      <p className="nothing-to-code">
        {roles.includes('coder')
          ? 'You have no units to code in this round.'
          : 'There is nothing for you to code in this study: no units are assigned to you. You can still read a unit by its address (…/code?unit=N).'}
      </p>
    );
  } else if (detail.isError) {
    body = <ErrorMessage error={detail.error} />;
  } else if (!detail.data) {
    body = <p className="loading">Loading the unit…</p>;
  } else {
    body = (
      <UnitEditor
        key={unitId}
        studyId={studyId}
        roundId={roundId}
        detail={detail.data}
        heading={assigned ? `Unit ${index + 1} of ${units.total}` : `Unit ${unitId}`}
        codes={codebook.codebook.codes}
        labelMode={codebook.labelMode}
        readOnly={readOnly}
        assisted={rounds.find((r) => r.id === roundId)?.assisted ?? false}
        save={save}
        onDone={() => {
          if (current) void units.nextToCode(current).then(go, moveFailed);
        }}
      />
    );
  }

  return (
    <div className="coding-screen">
      <div className="coding-bar">
        <RoundPicker rounds={rounds} roundId={roundId} onChange={(id) => setParams({ round: String(id) })} />
        <RoundProgress progress={progress} />
        <OrderPicker order={order} onChange={onOrder} />
        <NewerRanking
          ranked={ranked}
          latestModelVersion={units.latestModelVersion}
          replaced={units.rankingReplaced || isRankingReplaced(moveError)}
          onRerank={onRerank}
        />
        {isRankingReplaced(moveError) ? null : <ErrorMessage error={moveError} />}
        <SaveStatus studyId={studyId} />
        <button type="button" className="secondary keys-button" onClick={() => setHelp(true)}>
          Keys <kbd>?</kbd>
        </button>
      </div>
      <div ref={main} className={units.total > 0 ? 'coding-main' : 'coding-main no-list'}>
        {units.total > 0 ? (
          <UnitList
            total={units.total}
            unitAt={units.unitAt}
            currentIndex={index}
            href={(id) => `?round=${roundId}&unit=${id}`}
            pagesFor={(first, last) => pagesFor(client, studyId, roundId, ranked, first, last)}
          />
        ) : null}
        {body}
      </div>
      {help ? <KeysDialog onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
