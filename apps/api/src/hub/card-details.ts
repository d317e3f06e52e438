// Card details, only when the user asks (--card-details, the Sources form): for each model of the
// run whose listing entry left its card open (model-record.ts cardDetailsDue), one request to the
// Hub's model endpoint GET /api/models/{id}, which names the repository's files (`siblings`) and
// the card's metadata (`cardData`, absent when the README has none). Same politeness and retries
// as the listing (the run's DiscourseHttp). Each answer is stored with the run's request count in
// one transaction, so a stop or a crash resumes at the next due model. A model gone since the
// listing (404) keeps what the listing said and is not asked again.
import { HttpError, StoppedError, type DiscourseHttp } from '../collect/http.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/prepared.ts';
import { AppError } from '../http/errors.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export interface CardFacts {
  hasCard: boolean | null;
  hasCardData: boolean;
}

/** The card facts of a model endpoint's answer, or hub.bad_model naming the path. */
export function cardOfModelInfo(raw: unknown, path: string): CardFacts {
  const m = raw as Record<string, unknown> | null;
  if (!m || typeof m !== 'object' || Array.isArray(m))
    throw new AppError('hub.bad_model', 422, `${path} did not answer with a model; is this the Hub's address?`, {
      file: path,
    });
  const siblings = Array.isArray(m.siblings) ? (m.siblings as { rfilename?: unknown }[]) : null;
  const cardData = m.cardData && typeof m.cardData === 'object' ? m.cardData : null;
  return {
    hasCard: siblings ? siblings.some((s) => s?.rfilename === 'README.md') : null,
    hasCardData: cardData !== null && Object.keys(cardData).length > 0,
  };
}

/**
 * /api/models/org/name, each part of the id escaped (ids hold one slash); null for an id with an
 * empty, "." or ".." part: escaping leaves dots alone, and URL parsing would resolve such a part
 * to another path on the Hub.
 */
export function modelInfoPath(modelId: string): string | null {
  const parts = modelId.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  return `/api/models/${parts.map(encodeURIComponent).join('/')}`;
}

const nextDue = statement<[number], { id: number; modelId: string }>(
  `SELECT id, model_id AS modelId FROM hub_models WHERE collection_id = ? AND card_details_due = 1 ORDER BY id LIMIT 1`,
);
const saveCard = statement(
  `UPDATE hub_models SET has_card = coalesce(?, has_card), has_card_data = coalesce(?, has_card_data),
     card_details_due = 0, card_checked_at = ? WHERE id = ?`,
);
const saveRequests = statement('UPDATE hub_collections SET requests = ?, updated_at = ? WHERE id = ?');

/** Asks the Hub for each due model of the run until none is left; throws StoppedError when signalled. */
export async function fetchCardDetails(
  db: Db,
  collectionId: number,
  http: DiscourseHttp,
  run: { signal?: AbortSignal | undefined; requests: () => number; onModel?: () => void },
): Promise<void> {
  for (let due = nextDue(db).get(collectionId); due; due = nextDue(db).get(collectionId)) {
    if (run.signal?.aborted) throw new StoppedError();
    const path = modelInfoPath(due.modelId);
    let card: CardFacts | null = null;
    // An id that is no model path is never asked for: it keeps what the listing said, like a 404.
    if (path !== null)
      try {
        card = cardOfModelInfo(await http.getJson(path), path);
      } catch (err) {
        if (!(err instanceof HttpError && err.status === 404)) throw err;
      }
    const now = new Date().toISOString();
    writeTransaction(db, () => {
      saveCard(db).run(
        card && card.hasCard !== null ? Number(card.hasCard) : null,
        card && Number(card.hasCardData),
        now,
        due.id,
      );
      saveRequests(db).run(run.requests(), now, collectionId);
    });
    run.onModel?.();
  }
}
