// Which model scores a unit: the fold model that never saw the labelled units it is tied to.
import { expect, test } from 'vitest';
import { foldRoutes, modelFor, routeTable } from '../../apps/api/src/suggest/fold-routes.ts';

// Labelled units: thread 1 in fold 0, threads 2 and 3 in fold 1 ("thanks, that worked" in thread 2).
const table = routeTable(
  foldRoutes(
    [
      { thread: 1, body: 'CUDA out of memory' },
      { thread: 2, body: 'Thanks, that worked!' },
      { thread: 3, body: 'load_dataset fails' },
    ],
    [0, 1, 1],
  ),
);

test.each([
  ['a labelled unit', { thread: 1, body: 'CUDA out of memory' }, 0],
  ['another unit of a labelled thread', { thread: 3, body: 'any reply' }, 1],
  ['a copy of a labelled text in another thread', { thread: 9, body: 'THANKS that worked' }, 1],
  ['a unit of a labelled thread that copies a text of the same fold', { thread: 3, body: 'thanks, that worked' }, 1],
  ['a unit tied to two folds', { thread: 1, body: 'thanks that worked' }, 'none'],
  ['a unit tied to no labelled unit', { thread: 9, body: 'a new question' }, 'full'],
  ['an empty text in a new thread', { thread: 9, body: '' }, 'full'],
])('%s is scored by %s', (_, unit, expected) => {
  expect(modelFor(table, unit)).toBe(expected);
});
