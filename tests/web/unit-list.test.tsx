import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render as renderDom, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { expect, test } from 'vitest';
import type { MyUnit } from '../../apps/web/src/api/coding.ts';
import { UnitList } from '../../apps/web/src/features/coding/unit-list.tsx';

const render = (ui: ReactNode) => renderDom(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);

// A coder with 10,000 units: the list renders the rows in view (here jsdom's stand-in 600 px), not all of them.
const units: MyUnit[] = Array.from({ length: 10_000 }, (_, i) => ({
  unitId: 1000 + i,
  position: i + 1,
  roundId: 1,
  threadId: 1 + Math.floor(i / 5),
  postId: 50_000 + i,
  title: `Thread ${1 + Math.floor(i / 5)}`,
  postNumber: (i % 5) + 1,
  coded: i % 2 === 0,
  unsure: i === 1,
}));

test('10,000 units put only the rows in view in the DOM, numbered and marked as the full list', () => {
  render(
    <MemoryRouter>
      <UnitList total={units.length} unitAt={(i) => units[i]} currentIndex={-1} href={(id) => `?unit=${id}`} />
    </MemoryRouter>,
  );
  const rows = within(screen.getByRole('navigation', { name: 'Your units' })).getAllByRole('listitem');
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.length).toBeLessThan(50);
  expect(rows[0]).toHaveAttribute('aria-setsize', '10000');
  expect(rows[1]).toHaveAttribute('aria-posinset', '2');
  expect(rows[1]).toHaveTextContent('2 Thread 1 #2 ?unsure');
  expect(within(rows[0]!).getByRole('link')).toHaveAttribute('href', '/?unit=1000');
});

test('rows whose page has not come yet show as loading, numbered in place; the pages of the rows in view are asked for', () => {
  const ranges: [number, number][] = [];
  render(
    <MemoryRouter>
      <UnitList
        total={10_000}
        unitAt={(i) => (i < 5 ? units[i] : undefined)}
        currentIndex={2}
        href={(id) => `?unit=${id}`}
        pagesFor={(first, last) => {
          ranges.push([first, last]);
          return [];
        }}
      />
    </MemoryRouter>,
  );
  const rows = within(screen.getByRole('navigation', { name: 'Your units' })).getAllByRole('listitem');
  expect(rows[2]).toHaveTextContent('3 Thread 1 #3 ✓coded');
  expect(within(rows[2]!).getByRole('link')).toHaveAttribute('aria-current', 'page');
  expect(rows[5]).toHaveAttribute('aria-busy', 'true');
  expect(rows[5]).toHaveTextContent('6 …');
  expect(ranges.at(-1)).toEqual([0, rows.length - 1]);
});
