import type { RankedOrder } from '../../api/coding.ts';
import { useKeys } from './use-keys.ts';

interface Props {
  ranked: RankedOrder;
  /** The study's model version as the ranking's latest page said. */
  latestModelVersion: number | null;
  /** The server no longer pages this ranking: the coder ranked again in another tab. */
  replaced: boolean;
  onRerank: () => void;
}

/**
 * A ranking keeps the model version it began with, so units neither repeat nor vanish while the
 * coder works; this note says when a retrained model would rank them otherwise, and ranks again
 * on a click or Shift+R (capital R: code shortcuts are 0-9 and a-z).
 */
export function NewerRanking({ ranked, latestModelVersion, replaced, onRerank }: Props) {
  const newer = ranked !== null && latestModelVersion !== null && latestModelVersion !== ranked.modelVersion;
  const shown = ranked !== null && (newer || replaced);
  useKeys((key) => {
    if (key !== 'R' || !shown) return false;
    onRerank();
    return true;
  });
  if (!shown) return null;
  return (
    <p className="newer-ranking" role="status">
      {replaced
        ? 'You ranked your units again elsewhere; this ranking is gone.'
        : `The model was retrained (version ${latestModelVersion}); your units keep version ${ranked.modelVersion}’s order.`}{' '}
      <button type="button" className="secondary" onClick={onRerank} aria-keyshortcuts="Shift+R">
        Rank again <kbd>R</kbd>
      </button>
    </p>
  );
}
