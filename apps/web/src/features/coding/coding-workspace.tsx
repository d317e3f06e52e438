import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StudyCodebook } from '../../api/codebook-read.ts';
import { useClient } from '../../api/client-context.tsx';
import { unitQuery, useSaveCoding, type MyUnit, type Progress, type Round } from '../../api/coding.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { OrderPicker } from './order-picker.tsx';
import { useUnitOrder } from './use-unit-order.ts';
import { setConflict } from './conflicts.ts';
import { clearDraft, rebaseDraft } from './drafts.ts';
import { KeysDialog } from './keys-dialog.tsx';
import { followOwnSaves, recordOwnSave } from './own-saves.ts';
import { RoundPicker, RoundProgress } from './round-picker.tsx';
import { SaveStatus } from './save-status.tsx';
import { UnitEditor } from './unit-editor.tsx';
import { UnitList } from './unit-list.tsx';
import { announceSaved, useUnitSync } from './unit-sync.ts';
import { firstToCode, nextUncodedOrNext, stepUnit } from './unit-order.ts';
import { useKeys } from './use-keys.ts';
import { useResendDrafts } from './use-resend-drafts.ts';

interface Props {
  studyId: number;
  roundId: number;
  rounds: readonly Round[];
  progress: Progress | undefined;
  units: readonly MyUnit[];
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
  units: roundUnits,
  unitId: named,
  roles,
  codebook,
}: Props) {
  // The coder may take the remaining units in the model's order, least certain first (active learning).
  const { order, setOrder, units } = useUnitOrder(studyId, roundId, roundUnits);
  const client = useClient();
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  const [help, setHelp] = useState(false);
  // The unit moved to by a key shows at once (an urgent update); the address follows as a router
  // transition, and once it names that unit the address is the source again (links, back button).
  const [moved, setMoved] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new address or round ends the key's move, by design
  useEffect(() => setMoved(null), [named, roundId]);
  const roundOpen = rounds.find((r) => r.id === roundId)?.status === 'open';
  // An open round opens at the first unit left to code; a closed one at its start, for review.
  const unitId = moved ?? named ?? (roundOpen ? firstToCode(units) : (units[0]?.unitId ?? null));
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

  const go = useCallback(
    (id: number | null) => {
      if (id === null) return;
      setMoved(id);
      setParams({ round: String(roundId), unit: String(id) }, { replace: true });
    },
    [roundId, setParams],
  );

  // Name the unit opened by default in the address, so it stays open once it counts as coded.
  useEffect(() => {
    if (named === null && unitId !== null) go(unitId);
  }, [named, unitId, go]);

  // The next units are in the cache before the coder asks for them, so moving on renders at once.
  useEffect(() => {
    if (unitId === null) return;
    const ahead = new Set([stepUnit(units, unitId, 1), nextUncodedOrNext(units, unitId), stepUnit(units, unitId, -1)]);
    for (const id of ahead)
      if (id !== null && id !== unitId) void queryClient.prefetchQuery(unitQuery(client, studyId, id));
  }, [client, queryClient, studyId, unitId, units]);

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
    go(stepUnit(units, unitId, step));
    return true;
  });

  const index = units.findIndex((u) => u.unitId === unitId);
  const assigned = index !== -1;
  const readOnly = !assigned
    ? 'This unit is not assigned to you: you can read it, but not code it.'
    : detail.data?.unit.roundStatus !== 'open'
      ? 'This round is closed: your coding is shown read-only.'
      : detail.data.unit.handedOver
        ? 'Every coder has finished this unit and it has gone to adjudication: your coding is shown read-only.'
        : null;

  let body: ReactNode;
  if (unitId === null) {
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
        heading={assigned ? `Unit ${index + 1} of ${units.length}` : `Unit ${unitId}`}
        codes={codebook.codebook.codes}
        labelMode={codebook.labelMode}
        readOnly={readOnly}
        assisted={rounds.find((r) => r.id === roundId)?.assisted ?? false}
        save={save}
        onDone={() => go(nextUncodedOrNext(units, unitId))}
      />
    );
  }

  return (
    <div className="coding-screen">
      <div className="coding-bar">
        <RoundPicker rounds={rounds} roundId={roundId} onChange={(id) => setParams({ round: String(id) })} />
        <RoundProgress progress={progress} />
        <OrderPicker order={order} onChange={setOrder} />
        <SaveStatus studyId={studyId} />
        <button type="button" className="secondary keys-button" onClick={() => setHelp(true)}>
          Keys <kbd>?</kbd>
        </button>
      </div>
      <div ref={main} className={units.length > 0 ? 'coding-main' : 'coding-main no-list'}>
        {units.length > 0 ? (
          <UnitList units={units} currentId={unitId} href={(id) => `?round=${roundId}&unit=${id}`} />
        ) : null}
        {body}
      </div>
      {help ? <KeysDialog onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
