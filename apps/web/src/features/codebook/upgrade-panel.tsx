import { useState } from 'react';
import { useUpgradeStudy, type UpgradeReport } from '../../api/codebook.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Dialog } from '../../components/dialog.tsx';

/**
 * The study codes with its pinned version until the owner moves it to the latest one;
 * then codings follow merges by themselves and split labels go on the review list.
 */
export function UpgradePanel({ studyId, pinned, latest }: { studyId: number; pinned: number; latest: number }) {
  const upgrade = useUpgradeStudy(studyId);
  const [asking, setAsking] = useState(false);
  const [report, setReport] = useState<UpgradeReport | null>(null);
  return (
    <section className="card cb-upgrade" aria-label="Study version">
      {pinned < latest ? (
        <>
          <p>
            The study codes with <strong>version {pinned}</strong>; the codebook is at <strong>version {latest}</strong>
            .
          </p>
          <button type="button" onClick={() => setAsking(true)}>
            Move study to latest version
          </button>
        </>
      ) : (
        <p>The study codes with the latest version ({latest}).</p>
      )}
      {report ? (
        <p role="status">
          Moved from version {report.fromVersion} to {report.toVersion}: {report.codings} codings now use it,{' '}
          {report.rewritten} label sets were rewritten, {report.reviews}{' '}
          {report.reviews === 1 ? 'label waits' : 'labels wait'} for review.
        </p>
      ) : null}
      {asking ? (
        <Dialog title={`Move the study to version ${latest}?`} onCancel={() => setAsking(false)}>
          <p>
            Codings made with version {pinned} will be rewritten: merged codes are followed automatically; units with a
            split code go on a review list for their coders (final labels: for the adjudicator). Every rewrite is
            audited.
          </p>
          <ErrorMessage error={upgrade.error} />
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button
              type="button"
              disabled={upgrade.isPending}
              onClick={() =>
                upgrade.mutate(latest, {
                  onSuccess: (data) => {
                    setReport(data.report);
                    setAsking(false);
                  },
                })
              }
            >
              Move study
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
