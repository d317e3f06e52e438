/** A run's share done as a progress bar, its text read out with the percentage. */
export function ProgressBar({ label, percent, text }: { label: string; percent: number; text: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%: ${text}`}
      className="progress-track"
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
