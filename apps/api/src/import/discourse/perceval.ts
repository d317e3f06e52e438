// GrimoireLab Perceval items (`perceval discourse <url> --json-line`): one JSON object a line,
// an envelope around the topic: { backend_name: "Discourse", category: "topic", origin, uuid,
// updated_on, timestamp, search_fields, tag, data: <the /t/{id}.json topic, post_stream.posts
// completed with every post> }. The topic inside is read like any other.
import type { ErrorWhere } from '../../http/errors.ts';
import { importErrors } from '../errors.ts';
import { at, isObject } from '../fields.ts';

/** An object with Perceval's envelope keys (any backend). */
export function isPercevalItem(raw: unknown): raw is Record<string, unknown> {
  return isObject(raw) && typeof raw.backend_name === 'string' && 'data' in raw && 'uuid' in raw;
}

/** The topic inside a Perceval item, with the location inside it; an item of another backend or category is refused. */
export function percevalTopic(item: Record<string, unknown>, where: ErrorWhere): { topic: unknown; where: ErrorWhere } {
  if (item.backend_name !== 'Discourse')
    throw importErrors.wrongType(
      at(where, 'backend_name'),
      'a Perceval item of the Discourse backend',
      item.backend_name,
    );
  if (item.category !== undefined && item.category !== 'topic')
    throw importErrors.wrongType(at(where, 'category'), 'a Perceval item of category "topic"', item.category);
  return { topic: item.data, where: at(where, 'data') };
}
