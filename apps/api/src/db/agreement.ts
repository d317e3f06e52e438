// The Agreement page's data: codings from the database (agreement-data.ts) through
// packages/stats, for the chosen scope, each round, each code and each coder pair, plus the
// unit-level detail the blind rule allows. Nothing here is rounded; the view formats.
import { buildTable, coderPairs, type Coding } from '@threadcoder/stats';
import { AppError, notFound } from '../http/errors.ts';
import { pairableCodings, studyAgreementSettings, unitInfo, type CodingRow } from './agreement-data.ts';
import { confusionView, disagreements, type ConfusionView } from '../agreement/details.ts';
import {
  pairStatistics,
  scopeStatistics,
  type CodeStatistics,
  type PairStatistics,
  type ScopeStatistics,
} from '../agreement/scope.ts';
import type { Db } from './open.ts';
import { cachedVersion } from './pinned-codebook.ts';
import { assistedUnitIds } from '../suggest/feedback.ts';
import { listRounds, type Round } from './rounds.ts';
import { withheldRounds, type CodingViewer } from './visibility.ts';

export interface AgreementQuery {
  roundId?: number | undefined;
  /** Bootstrap resamples for 95% intervals on the scope's statistics; none when absent. */
  bootstrap?: number | undefined;
  seed?: number | undefined;
  /** User ids of the coder pair for the confusion matrix; the first pair when absent. */
  pair?: [number, number] | undefined;
  /** 'exclude' leaves out units coded with the model's help (suggest/feedback.ts); included by default. */
  assisted?: 'include' | 'exclude' | undefined;
}

/** A single-label coding without a code: a category no code id can collide with (ids start with a letter or digit). */
const NO_CODE = '(none)';

export interface AgreementSummary {
  labelMode: 'single' | 'multi';
  /** The round the scope is limited to, or null for the whole study. */
  roundId: number | null;
  coders: { id: number; username: string; displayName: string }[];
  codes: { id: string; name: string; dimension: string }[];
  bootstrap: { resamples: number; seed: number } | null;
  overall: ScopeStatistics;
  perCode: CodeStatistics[];
  pairs: PairStatistics[];
  rounds: (ScopeStatistics & Pick<Round, 'id' | 'name' | 'kind' | 'status' | 'unblinded'>)[];
  /** Rounds whose codings by others are left out of everything here because the viewer codes in them while they are open and blind. */
  withheld: { id: number; name: string }[];
  /** Units of the scope left out of the confusion matrix and disagreements by the blind rule, and their rounds. */
  hidden: { units: number; rounds: { id: number; name: string }[] };
  /** null when no disclosed unit was coded by two of the coders. */
  confusion: ConfusionView | null;
  disagreements: {
    unitId: number;
    roundId: number;
    roundName: string;
    threadTitle: string;
    postNumber: number | null;
    codeIds: string[];
  }[];
}

function toCodings(rows: CodingRow[], sets: boolean): Coding[] {
  return rows.map((r) => ({
    unit: String(r.unitId),
    coder: r.username,
    value: sets ? r.labels : (r.labels[0] ?? NO_CODE),
  }));
}

/** The study's rounds and the codings the viewer may count: all of them, and those of the query's scope. */
function scopeRows(db: Db, studyId: number, viewer: CodingViewer, query: AgreementQuery) {
  const rounds = listRounds(db, studyId);
  const roundId = query.roundId ?? null;
  if (roundId !== null && !rounds.some((r) => r.id === roundId)) throw notFound('The round');
  const assisted = query.assisted === 'exclude' ? assistedUnitIds(db, studyId) : null;
  const rows = pairableCodings(db, studyId, viewer).filter((r) => !assisted?.has(r.unitId));
  const inScope = roundId === null ? rows : rows.filter((r) => r.roundId === roundId);
  return { rounds, roundId, rows, inScope };
}

export function agreementSummary(
  db: Db,
  studyId: number,
  viewer: CodingViewer,
  query: AgreementQuery = {},
): AgreementSummary {
  const settings = studyAgreementSettings(db, studyId);
  const { rounds, roundId, rows, inScope } = scopeRows(db, studyId, viewer, query);
  const codebook = settings.versionId === null ? null : cachedVersion(db, settings.versionId);
  // A single-label study whose codings hold several labels (its mode was changed) is read as sets.
  const sets = settings.labelMode === 'multi' || rows.some((r) => r.labels.length > 1);
  const categories = sets ? [] : (codebook?.codes.filter((c) => c.codable).map((c) => c.id) ?? []);
  const codings = toCodings(inScope, sets);

  const coders = new Map<string, AgreementSummary['coders'][number]>();
  for (const r of rows) coders.set(r.username, { id: r.coderId, username: r.username, displayName: r.displayName });
  const { perCode, ...overall } = scopeStatistics(codings, sets, {
    categories,
    ...(query.bootstrap ? { bootstrap: { resamples: query.bootstrap, seed: query.seed ?? 1 } } : {}),
  });

  const disclosed = inScope.filter((r) => r.disclosed);
  const hiddenRows = inScope.filter((r) => !r.disclosed);
  const hiddenRounds = rounds
    .filter((round) => hiddenRows.some((r) => r.roundId === round.id))
    .map(({ id, name }) => ({ id, name }));
  return {
    labelMode: settings.labelMode,
    roundId,
    coders: [...coders.values()].sort((a, b) => (a.username < b.username ? -1 : 1)),
    codes: codebook?.codes.filter((c) => c.codable).map(({ id, name, dimension }) => ({ id, name, dimension })) ?? [],
    bootstrap: query.bootstrap ? { resamples: query.bootstrap, seed: query.seed ?? 1 } : null,
    withheld: withheldRounds(db, studyId, viewer),
    overall,
    perCode,
    pairs: pairStatistics(codings),
    rounds: rounds.map(({ id, name, kind, status, unblinded }) => {
      const { perCode: _, ...stats } = scopeStatistics(
        toCodings(
          rows.filter((r) => r.roundId === id),
          sets,
        ),
        sets,
        { categories },
      );
      return { id, name, kind, status, unblinded, ...stats };
    }),
    hidden: { units: new Set(hiddenRows.map((r) => r.unitId)).size, rounds: hiddenRounds },
    confusion: confusion(toCodings(disclosed, sets), sets, [...coders.values()], query.pair),
    disagreements: unitDisagreements(db, disclosed, rounds),
  };
}

/** The chosen pair's matrix; by default the first pair (by user name) that shares a disclosed unit. */
function confusion(
  codings: Coding[],
  sets: boolean,
  coders: AgreementSummary['coders'],
  pair: [number, number] | undefined,
): ConfusionView | null {
  const nameOf = (id: number) => {
    const coder = coders.find((c) => c.id === id);
    if (!coder)
      throw new AppError(
        'agreement.unknown_coder',
        400,
        `User ${id} coded none of the units coded by two or more coders.`,
        { field: 'pair' },
      );
    return coder.username;
  };
  if (pair) {
    if (pair[0] === pair[1])
      throw new AppError('agreement.same_coder', 400, 'Choose two different coders.', { field: 'pair' });
    const [a, b] = [nameOf(pair[0]), nameOf(pair[1])];
    return codings.length ? confusionView(codings, a, b, sets) : null;
  }
  const table = buildTable(codings);
  const first = coderPairs(table).find((p) => p.rows.length > 0);
  return first ? confusionView(codings, table.coders[first.a]!, table.coders[first.b]!, sets) : null;
}

/** The disclosed units of the scope whose coders' label sets differ, in unit order. */
function disagreeing(disclosed: CodingRow[]) {
  const byUnit = new Map<number, string[][]>();
  for (const r of disclosed) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.labels]);
  return disagreements(byUnit).sort((a, b) => a.unitId - b.unitId);
}

export interface DisagreementPage {
  disagreements: AgreementSummary['disagreements'];
  /** All disagreements of the scope. */
  total: number;
  /** The last unit id on this page, to pass as `cursor` (a string, like every paged route's); null on the last page. */
  nextCursor: string | null;
}

/**
 * The scope's disagreements a page at a time (units after `cursor`, by unit id): the agreement
 * report gives only their number, since a closed round of thousands of units has thousands.
 */
export function agreementDisagreements(
  db: Db,
  studyId: number,
  viewer: CodingViewer,
  query: AgreementQuery,
  page: { limit: number; cursor?: number | undefined },
): DisagreementPage {
  const { rounds, inScope } = scopeRows(db, studyId, viewer, query);
  const found = disagreeing(inScope.filter((r) => r.disclosed));
  const after = found.filter((d) => d.unitId > (page.cursor ?? 0));
  const shown = after.slice(0, page.limit);
  return {
    disagreements: described(db, shown, rounds),
    total: found.length,
    nextCursor: after.length > page.limit ? String(shown.at(-1)!.unitId) : null,
  };
}

function unitDisagreements(db: Db, disclosed: CodingRow[], rounds: Round[]): AgreementSummary['disagreements'] {
  return described(db, disagreeing(disclosed), rounds);
}

function described(
  db: Db,
  found: { unitId: number; codeIds: string[] }[],
  rounds: Round[],
): AgreementSummary['disagreements'] {
  const info = unitInfo(
    db,
    found.map((d) => d.unitId),
  );
  return found.map(({ unitId, codeIds }) => {
    const unit = info.get(unitId)!;
    return {
      unitId,
      roundId: unit.roundId,
      roundName: rounds.find((r) => r.id === unit.roundId)?.name ?? '',
      threadTitle: unit.threadTitle,
      postNumber: unit.postNumber,
      codeIds,
    };
  });
}
