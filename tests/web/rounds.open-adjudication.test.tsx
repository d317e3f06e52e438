import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addMember } from '../../apps/api/src/db/studies.ts';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

// Round Main of 3 units: cora and cody disagree on unit 0, agree on unit 1; unit 2 has cora's only.
let s: CodingStudy;
let units: number[];
const count = (sql: string, ...args: unknown[]) =>
  s.t.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;
beforeEach(async () => {
  s = await codingStudy();
  const owen = await s.as('owen');
  await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 3, seed: 'web', overlap: 1 });
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
  const [cora, cody] = [await s.as('cora'), await s.as('cody')];
  const code = (who: Agent, unit: number, codeIds: string[]) =>
    who.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds });
  await code(cora, units[0]!, ['documentation']);
  await code(cody, units[0]!, ['model-usage']);
  await code(cora, units[1]!, ['dataset']);
  await code(cody, units[1]!, ['dataset']);
  await code(cora, units[2]!, ['dataset']);
});
afterEach(() => s.t.close());

describe('the Adjudicate tab with an open round', () => {
  test('an empty queue says what is ready; the adjudicator starts on the finished units and the queue fills', async () => {
    const user = userEvent.setup();
    renderWithApi(s.t.app, { path: `/studies/${s.studyId}/adjudicate`, agent: await s.as('ada') });
    const help = await screen.findByRole('region', { name: 'Why the queue is empty' });
    await within(help).findByText(/^2 units of the open round Main have all their codings; 1 unit still being coded\./);
    await user.click(within(help).getByRole('button', { name: 'Adjudicate the finished units of Main' }));
    const queue = await screen.findByRole('list', { name: 'Units in adjudication' });
    expect(within(queue).getAllByRole('button')).toHaveLength(1);
    expect(count("SELECT status FROM rounds WHERE id = ? AND status = 'open'", s.roundId)).toBeTruthy();
    expect(count('SELECT count(*) FROM adjudications')).toBe(1);
  });

  test('with nothing finished it says how many units are still being coded', async () => {
    s.t.db.prepare('DELETE FROM codings WHERE coder_id = ?').run(s.ids.cody);
    renderWithApi(s.t.app, { path: `/studies/${s.studyId}/adjudicate`, agent: await s.as('ada') });
    const help = await screen.findByRole('region', { name: 'Why the queue is empty' });
    expect(
      await within(help).findByText(
        'No unit has all its codings yet — 3 units still being coded. Wait for the coders, or close the round on the',
        { exact: false },
      ),
    ).toBeInTheDocument();
    expect(within(help).queryByRole('button')).toBeNull();
  });

  test('an adjudicator who also codes in the round is told it is withheld, and offered nothing to start', async () => {
    addMember(s.t.db, s.studyId, s.ids.ada!, 'coder');
    s.t.db
      .prepare("INSERT INTO assignments (unit_id, user_id, assigned_at) VALUES (?, ?, '2026-12-07')")
      .run(units[2], s.ids.ada);
    renderWithApi(s.t.app, { path: `/studies/${s.studyId}/adjudicate`, agent: await s.as('ada') });
    const help = await screen.findByRole('region', { name: 'Why the queue is empty' });
    expect(await within(help).findByRole('note', { name: 'Blind coding' })).toHaveTextContent(
      'You code in “Main”, which is open and blind, so what waits for adjudication there is hidden from you until the owner closes or unblinds it.',
    );
    expect(within(help).queryByRole('button')).toBeNull();
    expect(within(help).queryByText(/still being coded|Nothing waits/)).toBeNull();
  });
});

describe('the rounds of a closed round’s owner', () => {
  beforeEach(async () => {
    await (await s.as('owen')).post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
  });

  test('the Adjudicate tab points at the stranded units; the owner offers them to a new round and another coder', async () => {
    const user = userEvent.setup();
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/members`, { userId: s.ids.nina, role: 'coder' });
    await owen.post(`/api/studies/${s.studyId}/rounds`, { name: 'Mop-up', kind: 'main' });
    const page = renderWithApi(s.t.app, { path: `/studies/${s.studyId}`, agent: owen });
    await user.click(await screen.findByRole('button', { name: 'Offer the 1 incomplete units of Main' }));
    const dialog = screen.getByRole('dialog', { name: 'Offer the incomplete units of Main' });
    expect(within(dialog).getByLabelText('Into round')).toHaveDisplayValue('Mop-up');
    await user.click(within(dialog).getByLabelText('nina'));
    await user.click(within(dialog).getByRole('button', { name: 'Offer 1 unit' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const mopUp = count("SELECT id FROM rounds WHERE name = 'Mop-up'");
    expect(count('SELECT round_id FROM units WHERE id = ?', units[2])).toBe(mopUp);
    expect(
      s.t.db.prepare('SELECT user_id FROM assignments WHERE unit_id = ? ORDER BY user_id').pluck().all(units[2]),
    ).toEqual([s.ids.cora, s.ids.nina].sort((a, b) => a! - b!));
    expect(screen.queryByRole('button', { name: /incomplete units of Main/ })).toBeNull();
    page.unmount();
  });

  test('the owner reopens a closed round after confirming', async () => {
    const user = userEvent.setup();
    renderWithApi(s.t.app, { path: `/studies/${s.studyId}`, agent: await s.as('owen') });
    await user.click(await screen.findByRole('button', { name: 'Reopen Main' }));
    const dialog = screen.getByRole('dialog', { name: 'Reopen Main?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reopen round' }));
    await screen.findByRole('button', { name: 'Close Main' });
    expect(count("SELECT count(*) FROM rounds WHERE status = 'open'")).toBe(1);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'round.reopen'")).toBe(1);
  });

  test('the Adjudicate tab names the incomplete units of a closed round', async () => {
    s.t.db.prepare('DELETE FROM adjudications').run();
    renderWithApi(s.t.app, { path: `/studies/${s.studyId}/adjudicate`, agent: await s.as('ada') });
    const help = await screen.findByRole('region', { name: 'Why the queue is empty' });
    expect(
      await within(help).findByText(/^1 unit of the closed round Main is missing a coding\. The owner can reopen/),
    ).toBeInTheDocument();
  });
});
