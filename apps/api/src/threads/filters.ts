// The thread filters, declared once. The API validates them with `threadFilterSchema` (the thread list
// and selection rules), db/threads.ts must give each one its SQL (its table is typed against this list),
// and the web app derives its URL keys, filter form and rule descriptions from it. Adding a filter: an
// entry here, its SQL clause, a test. Pure (zod only), since the web app imports it.
import { z } from 'zod';
import { isoDay } from '../http/iso-day.ts';

/** How the browser's filter form asks for a value; every kind but `search` renders without new code. */
export type FilterInput =
  | { kind: 'search' }
  | { kind: 'source' }
  /** The values present in the source's threads (GET /threads/facets), with their counts. */
  | { kind: 'facet'; facet: 'categories' | 'tags'; any: string }
  | { kind: 'date' }
  | { kind: 'number' }
  /** A select; the first option (value '') means "not filtered". */
  | { kind: 'choice'; options: readonly (readonly [value: string, label: string])[] };

interface FilterSpec<S extends z.ZodType> {
  schema: S;
  label: string;
  input: FilterInput;
  /** The filter in a selection rule's words, e.g. `category Models`. */
  describe: (value: z.output<S>, names: { source: (id: number) => string }) => string;
}

const filter = <S extends z.ZodType>(spec: FilterSpec<S>) => spec;

export const threadFilters = {
  q: filter({
    schema: z.string().max(500),
    label: 'Search titles and posts',
    input: { kind: 'search' },
    describe: (q) => `search "${q}"`,
  }),
  source: filter({
    schema: z.coerce.number().int().positive(),
    label: 'Source',
    input: { kind: 'source' },
    describe: (id, names) => `source ${names.source(id)}`,
  }),
  category: filter({
    schema: z.string().min(1).max(200),
    label: 'Category',
    input: { kind: 'facet', facet: 'categories', any: 'Any category' },
    describe: (name) => `category ${name}`,
  }),
  tag: filter({
    schema: z.string().min(1).max(200),
    label: 'Tag',
    input: { kind: 'facet', facet: 'tags', any: 'Any tag' },
    describe: (tag) => `tag ${tag}`,
  }),
  /** Inclusive UTC days. */
  from: filter({ schema: isoDay, label: 'From', input: { kind: 'date' }, describe: (day) => `from ${day}` }),
  to: filter({ schema: isoDay, label: 'To', input: { kind: 'date' }, describe: (day) => `to ${day}` }),
  /** 'yes': some unit of the thread has a coding the viewer may see (their own, or released by the study). */
  coded: filter({
    schema: z.enum(['yes', 'no']),
    label: 'Coded',
    input: {
      kind: 'choice',
      options: [
        ['', 'Coded or not'],
        ['yes', 'Coded in a study'],
        ['no', 'Not coded'],
      ],
    },
    describe: (coded) => (coded === 'yes' ? 'coded' : 'not coded'),
  }),
  /** Has an accepted answer (Discourse Solved, Stack Exchange AcceptedAnswerId). */
  solved: filter({
    schema: z.enum(['yes', 'no']),
    label: 'Accepted answer',
    input: {
      kind: 'choice',
      options: [
        ['', 'With or without'],
        ['yes', 'Has an accepted answer'],
        ['no', 'No accepted answer'],
      ],
    },
    describe: (solved) => (solved === 'yes' ? 'with an accepted answer' : 'without an accepted answer'),
  }),
  /** A Stack Exchange question's score at least this; threads without a score are left out. */
  minScore: filter({
    schema: z.coerce.number().int().min(-1_000_000).max(1_000_000),
    label: 'Min. question score',
    input: { kind: 'number' },
    describe: (score) => `question score ≥ ${score}`,
  }),
};

export type ThreadFilterName = keyof typeof threadFilters;
export const threadFilterNames = Object.keys(threadFilters) as ThreadFilterName[];

type OptionalShape = { [K in ThreadFilterName]: z.ZodOptional<(typeof threadFilters)[K]['schema']> };
export const threadFilterSchema = z.object(
  Object.fromEntries(threadFilterNames.map((name) => [name, threadFilters[name].schema.optional()])) as OptionalShape,
);
export type ThreadFilterValues = z.output<typeof threadFilterSchema>;

/** Each filter that is set, in words, in the list's order. */
export function describeThreadFilter(values: ThreadFilterValues, names: { source: (id: number) => string }): string[] {
  return threadFilterNames.flatMap((name) => {
    const value = values[name];
    // The value belongs to this name's schema; TypeScript cannot pair them across the union.
    const describe = threadFilters[name].describe as (v: typeof value, n: typeof names) => string;
    return value === undefined || value === '' ? [] : [describe(value, names)];
  });
}
