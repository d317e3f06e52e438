import type { ImportRecord } from '../../api/imports.ts';
import { formatBytes } from './format.ts';
import { ProgressBar } from './progress-bar.tsx';

/** Bytes read of the file's total (the bar) and posts read so far, as the job reports them. */
export function ImportProgress({ record }: { record: ImportRecord }) {
  const total = record.bytesTotal ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((record.bytesRead / total) * 100)) : 0;
  const text = `${formatBytes(record.bytesRead)} of ${formatBytes(total)} read, ${record.postsRead.toLocaleString()} posts`;
  return (
    <div className="import-progress">
      <p role="status">
        {record.status === 'queued'
          ? 'Waiting to start…'
          : 'Importing… you can leave this page; the import carries on.'}
      </p>
      <ProgressBar label="Import progress" percent={percent} text={text} />
      <p className="hint">{text}</p>
    </div>
  );
}
