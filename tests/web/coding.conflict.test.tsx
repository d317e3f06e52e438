import { focusManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

// Another tab or device of the same coder saves the unit while this screen shows an older
// version: this screen's next save is refused (409) and both versions are offered to choose from.

let s: CodingStudy;
let unitId: number;
let otherTab: Agent;
beforeEach(async () => {
  localStorage.clear();
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'web', overlap: 1 });
  unitId = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().get() as number;
  otherTab = await s.as('cora');
});
afterEach(() => s.t.close());

const code = (name: RegExp) => within(screen.getByRole('region', { name: 'Codebook' })).getByRole('button', { name });
const stored = () =>
  s.t.db
    .prepare(
      'SELECT c.memo, c.version, group_concat(l.code_id) AS codes FROM codings c LEFT JOIN coding_labels l ON l.coding_id = c.id WHERE c.unit_id = ? AND c.coder_id = ? GROUP BY c.id',
    )
    .get(unitId, s.ids.cora);

async function openStaleScreen() {
  const user = userEvent.setup();
  renderWithApi(s.t.app, { agent: await s.as('cora'), path: `/studies/${s.studyId}/code?unit=${unitId}` });
  await screen.findByRole('article', { name: 'Unit 1 of 2' });
  // Saved in the other tab after this screen loaded the unit.
  const res = await otherTab.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
    codeIds: ['model-usage'],
    memo: 'from the other tab',
    baseVersion: 0,
  });
  expect(res.status).toBe(200);
  await user.keyboard('3'); // Output comprehension, based on "no coding yet": stale
  const panel = await screen.findByRole('region', { name: 'Two versions of this coding' });
  return { user, panel };
}

describe('a stale save on the coding screen', () => {
  test('shows both versions; the keyboard reaches the choice, and "Keep mine" saves over the other', async () => {
    const { user, panel } = await openStaleScreen();
    expect(within(panel).getByRole('alert')).toHaveTextContent(
      'This unit was saved in another tab or on another device after you opened it here.',
    );
    const theirs = within(panel).getByRole('region', { name: 'Saved elsewhere' });
    expect(within(theirs).getByRole('listitem')).toHaveTextContent('Model usage understanding');
    expect(theirs).toHaveTextContent('Memo: from the other tab');
    const mine = within(panel).getByRole('region', { name: 'Yours, in this tab' });
    expect(within(mine).getByRole('listitem')).toHaveTextContent('Output comprehension');
    expect(screen.getByRole('status')).toHaveTextContent('Not saved: This coding was changed in another tab');
    // Nothing else changes until the coder chooses.
    expect(code(/^Output comprehension/)).toBeDisabled();
    expect(within(panel).getByRole('button', { name: 'Keep the saved version' })).toHaveFocus();
    await user.keyboard('{Tab}');
    expect(within(panel).getByRole('button', { name: 'Keep mine' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('All changes saved'));
    expect(screen.queryByRole('region', { name: 'Two versions of this coding' })).toBeNull();
    expect(stored()).toEqual({ memo: '', version: 2, codes: 'output-comprehension' });
    expect(code(/^Output comprehension/)).toHaveAttribute('aria-pressed', 'true');
    expect(code(/^Output comprehension/)).toBeEnabled();
  });

  test('"Keep the saved version" drops this tab’s edit and shows the saved coding, which the next edit builds on', async () => {
    const { user, panel } = await openStaleScreen();
    await user.click(within(panel).getByRole('button', { name: 'Keep the saved version' }));
    expect(screen.queryByRole('region', { name: 'Two versions of this coding' })).toBeNull();
    expect(code(/^Model usage understanding/)).toHaveAttribute('aria-pressed', 'true');
    expect(code(/^Output comprehension/)).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('textbox', { name: 'Memo' })).toHaveValue('from the other tab');
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(stored()).toEqual({ memo: 'from the other tab', version: 1, codes: 'model-usage' });
    await user.keyboard('u');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('All changes saved'));
    expect(stored()).toMatchObject({ memo: 'from the other tab', version: 2, codes: 'model-usage' });
  });

  test('when the window gets focus again, a unit saved elsewhere is read again and shown', async () => {
    renderWithApi(s.t.app, { agent: await s.as('cora'), path: `/studies/${s.studyId}/code?unit=${unitId}` });
    await screen.findByRole('article', { name: 'Unit 1 of 2' });
    await otherTab.request('PUT', `/api/studies/${s.studyId}/units/${unitId}/coding`, {
      codeIds: ['dataset'],
      memo: 'on the laptop',
      baseVersion: 0,
    });
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(code(/^Dataset acquisition/)).toHaveAttribute('aria-pressed', 'true'));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Memo' })).toHaveValue('on the laptop'));
    focusManager.setFocused(undefined);
  });
});
