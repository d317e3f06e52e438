import type { TrendReport } from '../../api/analysis.ts';

/** The codes to chart: the ones picked, else the five labelled most often (codes, not the folders above them). */
export function pickedCodes(picked: readonly string[] | null, nodes: TrendReport['nodes']): string[] {
  if (picked) return picked.filter((id) => nodes.some((n) => n.id === id));
  return nodes
    .filter((n) => n.codable && n.directTotal > 0)
    .sort((a, b) => b.total - a.total)
    .slice(0, 5)
    .map((n) => n.id);
}
