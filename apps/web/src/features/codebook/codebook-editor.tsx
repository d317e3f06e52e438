import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { indexById, type MoveTarget } from '@threadcoder/taxonomy';
import { useMemo, useState } from 'react';
import { codebookVersionQuery, type StudyCodebook } from '../../api/codebook.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { AddCodeForm } from './add-code-form.tsx';
import { CodeDetails } from './code-details.tsx';
import { CodeTree } from './code-tree.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { EditorContext } from './editor-context.ts';
import { ExportLinks, ImportForm } from './files-bar.tsx';
import { MoveForm } from './move-form.tsx';
import { ReviewList } from './review-list.tsx';
import { UpgradePanel } from './upgrade-panel.tsx';
import { VersionHistory } from './version-history.tsx';

/** The owner's view: the latest version as an editable tree, its history, files, and the study's move to it. */
export function CodebookEditor({
  studyId,
  overview,
  isAdjudicator,
}: {
  studyId: number;
  overview: StudyCodebook;
  isAdjudicator: boolean;
}) {
  // The version on screen stays while the next one loads, so the editor keeps its place after a save.
  const latest = useQuery({
    ...codebookVersionQuery(useClient(), studyId, overview.latestVersion),
    placeholderData: keepPreviousData,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [dropped, setDropped] = useState<{ id: string; target: MoveTarget } | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const codebook = latest.data?.codebook;
  const state = useMemo(
    () => (codebook ? { studyId, codebook, byId: indexById(codebook.codes) } : null),
    [studyId, codebook],
  );
  if (latest.isError) return <ErrorMessage error={latest.error} />;
  if (!state) return <p className="hint">Loading the codebook…</p>;
  const nameOf = (id: string | null) => (id === null ? 'the top level' : (state.byId.get(id)?.name ?? id));
  const current = selected ?? state.codebook.codes[0]?.id ?? null;

  return (
    <EditorContext value={state}>
      <div className="cb-editor">
        <header className="cb-head">
          <p>
            <strong>{state.codebook.name}</strong> · version {state.codebook.version}
            <span className="hint"> · {state.codebook.codes.length} codes</span>
          </p>
          <ExportLinks studyId={studyId} version={state.codebook.version} />
          <button
            type="button"
            className="secondary small"
            aria-expanded={importing}
            onClick={() => setImporting(!importing)}
          >
            Import…
          </button>
        </header>
        {importing ? (
          <section className="card" aria-label="Import">
            <p className="hint">
              An imported file replaces the codebook. This is only possible before anyone has coded.
            </p>
            <ImportForm studyId={studyId} onDone={() => setImporting(false)} />
          </section>
        ) : null}
        <UpgradePanel studyId={studyId} pinned={overview.pinnedVersion} latest={overview.latestVersion} />
        <ReviewList studyId={studyId} canChooseFinals={isAdjudicator} />
        <div className="cb-columns">
          <section className="card cb-tree-card" aria-label="Code tree">
            <h2>Codes</h2>
            <p className="hint">
              Drag a code onto another to nest it, or to its top or bottom edge to place it beside it.
            </p>
            <CodeTree
              codes={state.codebook.codes}
              selectedId={current}
              onSelect={setSelected}
              onDrop={(id, target) => setDropped({ id, target })}
            />
            {adding ? (
              <AddCodeForm parentId={null} onDone={() => setAdding(false)} />
            ) : (
              <button type="button" className="secondary small" onClick={() => setAdding(true)}>
                Add a dimension
              </button>
            )}
          </section>
          {current ? <CodeDetails key={current} id={current} /> : null}
        </div>
        <VersionHistory
          studyId={studyId}
          versions={overview.versions}
          pinned={overview.pinnedVersion}
          nameOf={nameOf}
        />
      </div>
      {dropped ? (
        <Dialog title={`Move ${nameOf(dropped.id)}`} onCancel={() => setDropped(null)}>
          <MoveForm id={dropped.id} initial={dropped.target} onDone={() => setDropped(null)} />
        </Dialog>
      ) : null}
    </EditorContext>
  );
}
