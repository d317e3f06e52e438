// One model of the Hub's listing -> the row the collector stores. Field names as the Hub sends
// them (id/modelId, author, createdAt, lastModified, pipeline_tag, library_name, tags,
// config.model_type, cardData, downloads, likes, siblings[].rfilename). Base models come from the
// "base_model:…" tags ("base_model:finetune:X", "base_model:quantized:X" name the relation first).
import { AppError } from '../http/errors.ts';

export interface HubModel {
  modelId: string;
  author: string | null;
  createdAt: string | null;
  lastModified: string | null;
  pipelineTag: string | null;
  libraryName: string | null;
  tags: string[];
  modelType: string | null;
  baseModels: string[];
  /** README.md among the files; null when the listing did not list files. */
  hasCard: boolean | null;
  hasCardData: boolean;
  /**
   * The listing left the card open: no file list, or a README without a cardData field. Only
   * then do card details (hub/card-details.ts, on request) ask /api/models/{id}.
   */
  cardDetailsDue: boolean;
  downloads: number | null;
  likes: number | null;
}

const RELATIONS = new Set(['adapter', 'finetune', 'merge', 'quantized']);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function baseModelsOf(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    if (!tag.startsWith('base_model:')) continue;
    const rest = tag.slice('base_model:'.length);
    const colon = rest.indexOf(':');
    out.add(colon > 0 && RELATIONS.has(rest.slice(0, colon)) ? rest.slice(colon + 1) : rest);
  }
  return [...out];
}

/** A listed model, or a hub.bad_listing error naming the page and the index. */
export function toHubModel(raw: unknown, where: { file: string; field: string }): HubModel {
  const m = raw as Record<string, unknown> | null;
  const modelId = m && typeof m === 'object' ? (str(m.id) ?? str(m.modelId)) : null;
  if (!m || !modelId)
    throw new AppError('hub.bad_listing', 422, "A listed model has no id; is this the Hub's /api/models?", where);
  const tags = Array.isArray(m.tags) ? m.tags.filter((t): t is string => typeof t === 'string') : [];
  const config = m.config && typeof m.config === 'object' ? (m.config as Record<string, unknown>) : null;
  const siblings = Array.isArray(m.siblings) ? (m.siblings as { rfilename?: unknown }[]) : null;
  const cardData = m.cardData && typeof m.cardData === 'object' ? m.cardData : null;
  const hasCard = siblings ? siblings.some((s) => s?.rfilename === 'README.md') : null;
  return {
    modelId,
    author: str(m.author) ?? (modelId.includes('/') ? modelId.split('/')[0]! : null),
    createdAt: str(m.createdAt),
    lastModified: str(m.lastModified),
    pipelineTag: str(m.pipeline_tag),
    libraryName: str(m.library_name),
    tags,
    modelType: str(config?.model_type),
    baseModels: baseModelsOf(tags),
    hasCard,
    hasCardData: cardData !== null && Object.keys(cardData).length > 0,
    cardDetailsDue: hasCard === null || (hasCard && !('cardData' in m)),
    downloads: num(m.downloads),
    likes: num(m.likes),
  };
}
