import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import {
  forgetRefusedSaves,
  unitQuery,
  type CodingBody,
  type SaveCodingVars,
  type UnitDetail,
} from '../../api/coding.ts';
import { toggleLabel } from './codebook-tree.ts';
import { clearConflict, useConflict } from './conflicts.ts';
import { draftBase, dropDraft, keepDraftOver, readDraft, sameCoding, useDraft, writeDraft } from './drafts.ts';
import type { Quote } from '../../components/quote-range.ts';

const MEMO_DEBOUNCE_MS = 600;

const emptyCoding = (): CodingBody => ({ codeIds: [], memo: '', unsure: false, quotes: {} });

/** The fields a coder edits, always in one key order so two codings compare as JSON. */
export const editable = (c: CodingBody): CodingBody => ({
  codeIds: c.codeIds,
  memo: c.memo,
  unsure: c.unsure,
  quotes: c.quotes,
});

interface Options {
  studyId: number;
  roundId: number;
  detail: UnitDetail;
  labelMode: 'single' | 'multi';
  canEdit: boolean;
  save: (vars: SaveCodingVars) => void;
}

/**
 * One unit's coding as the coder sees it: their unsent draft if any, else the server's.
 * Every change is written to the draft first (so nothing typed is lost) and then saved;
 * the memo is saved after a pause in typing and when the coder leaves the unit.
 */
export function useUnitCoding({ studyId, roundId, detail, labelMode, canEdit: canEditUnit, save }: Options) {
  const unitId = detail.unit.id;
  // A stale save (another tab or device saved first) waits for the coder's choice before any further edit.
  const conflict = useConflict(studyId, unitId);
  const canEdit = canEditUnit && !conflict;
  // Read through to the cache: when a save's answer lands there and clears the draft, this render
  // already shows the saved coding, before the query observers catch up (no flicker to the old one).
  const queryClient = useQueryClient();
  const cached = queryClient.getQueryData(unitQuery(useClient(), studyId, unitId).queryKey) ?? detail;
  const server = cached.coding ? editable(cached.coding) : null;
  // The saved version an edit starting now builds on (0: nothing saved yet).
  const serverVersion = cached.coding?.version ?? 0;
  const draft = useDraft(studyId, unitId);
  const coding = draft ?? server ?? emptyCoding();

  const serverRef = useRef(server);
  serverRef.current = server;
  // What was last handed to the saver; a draft present on arrival is already on its way (see useResendDrafts).
  const sent = useRef<CodingBody | null>(readDraft(studyId, unitId) ?? server);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [memo, setMemoText] = useState(coding.memo);

  // Another tab's save arrived (unit-sync.ts) or a refetch brought one: show its memo unless one is being typed here.
  const serverMemo = server?.memo ?? '';
  useEffect(() => {
    if (!readDraft(studyId, unitId)) setMemoText(serverMemo);
  }, [serverMemo, studyId, unitId]);

  const latest = useCallback(() => readDraft(studyId, unitId) ?? serverRef.current ?? emptyCoding(), [studyId, unitId]);

  const commit = useCallback(
    (next: CodingBody) => {
      if (!canEdit) return;
      const body = editable(next);
      clearTimeout(timer.current);
      writeDraft(studyId, unitId, body, serverVersion);
      sent.current = body;
      save({ unitId, roundId, coding: body, baseVersion: draftBase(studyId, unitId) ?? serverVersion });
    },
    [canEdit, studyId, unitId, roundId, save, serverVersion],
  );

  /** Sends the draft if it holds anything not yet sent (a memo still being typed). */
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const pending = readDraft(studyId, unitId);
    if (canEdit && pending && !sameCoding(pending, sent.current)) commit(pending);
  }, [canEdit, studyId, unitId, commit]);

  useEffect(() => flush, [flush]);

  const change = (edit: (c: CodingBody) => CodingBody) => commit(edit(latest()));

  return {
    coding,
    memo,
    conflict: conflict && { theirs: conflict.theirs, mine: draft ?? conflict.mine },
    /** Keeps the coding saved elsewhere and drops this tab's version of it. */
    keepTheirs: () => {
      dropDraft(studyId, unitId);
      sent.current = serverRef.current;
      setMemoText(serverRef.current?.memo ?? '');
      clearConflict(queryClient, studyId, unitId);
      forgetRefusedSaves(queryClient, studyId, unitId);
    },
    /** Saves this tab's version over the one saved elsewhere, now that the coder has seen it. */
    keepMine: () => {
      if (!conflict || !canEditUnit) return;
      const mine = editable(readDraft(studyId, unitId) ?? conflict.mine);
      const base = conflict.theirs?.version ?? 0;
      keepDraftOver(studyId, unitId, mine, base);
      sent.current = mine;
      setMemoText(mine.memo);
      clearConflict(queryClient, studyId, unitId);
      save({ unitId, roundId, coding: mine, baseVersion: base });
    },
    toggle: (codeId: string) =>
      change((c) => {
        const codeIds = toggleLabel(c.codeIds, codeId, labelMode);
        return {
          ...c,
          codeIds,
          quotes: Object.fromEntries(Object.entries(c.quotes).filter(([id]) => codeIds.includes(id))),
        };
      }),
    toggleUnsure: () => change((c) => ({ ...c, unsure: !c.unsure })),
    setMemo: (text: string) => {
      if (!canEdit) return;
      setMemoText(text);
      writeDraft(studyId, unitId, editable({ ...latest(), memo: text }), serverVersion);
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, MEMO_DEBOUNCE_MS);
    },
    flush,
    /** Attaches a quote to a code, applying the code first if it is not applied yet. */
    attachQuote: (codeId: string, quote: Quote) =>
      change((c) => {
        const codeIds = c.codeIds.includes(codeId) ? c.codeIds : toggleLabel(c.codeIds, codeId, labelMode);
        const quotes = Object.fromEntries(Object.entries(c.quotes).filter(([id]) => codeIds.includes(id)));
        return { ...c, codeIds, quotes: { ...quotes, [codeId]: quote } };
      }),
    removeQuote: (codeId: string) =>
      change((c) => ({ ...c, quotes: Object.fromEntries(Object.entries(c.quotes).filter(([id]) => id !== codeId)) })),
    /** Enter: send what is unsent; a unit never coded gets an empty coding ("looked at, nothing applies"). */
    finish: () => {
      flush();
      if (canEdit && !readDraft(studyId, unitId) && !serverRef.current) commit(emptyCoding());
    },
  };
}
