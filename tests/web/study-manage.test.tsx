import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

let s: CodingStudy;
beforeEach(async () => {
  s = await codingStudy();
});
afterEach(() => s.t.close());

const openAs = async (name: string, page = '') =>
  renderWithApi(s.t.app, { path: `/studies/${s.studyId}${page}`, agent: await s.as(name) });
const count = (sql: string, ...args: unknown[]) =>
  s.t.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe('the sample panel', () => {
  test('the calculator starts from the study’s population and shows n = 278 for N = 1000 at 95% and ±5%', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    const calculator = await screen.findByRole('form', { name: 'Sample size' });
    const population = within(calculator).getByLabelText('Population');
    await within(calculator).findByText('36 units are available to sample in this study.');
    expect(population).toHaveValue(36);
    await user.clear(population);
    await user.type(population, '1000');
    const result = await within(calculator).findByLabelText('Sample size result');
    expect(await within(result).findByText('277.73 (N = 1000)')).toBeInTheDocument();
    expect(within(result).getByText('384.15')).toBeInTheDocument();
    expect(within(result).getByRole('status', { name: 'n' })).toHaveTextContent('278');
    expect(within(calculator).getByLabelText('Confidence')).toHaveValue('0.95');
    expect(within(calculator).getByLabelText('Margin of error (%)')).toHaveValue(5);
    // n flows into the draw form's size (capped by the API at the population for small N).
    expect(within(screen.getByRole('form', { name: 'Draw a sample' })).getByLabelText('Size')).toHaveValue(278);
  });

  test('a draw into a new calibration round creates its units and assignments, with the seed shown', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    const newRound = await screen.findByRole('form', { name: 'New round' });
    await user.type(within(newRound).getByLabelText('Round name'), 'Calibration 1');
    await user.click(within(newRound).getByRole('button', { name: 'Create round' }));
    const draw = screen.getByRole('form', { name: 'Draw a sample' });
    await within(within(draw).getByLabelText('Round')).findByRole('option', {
      name: 'Calibration 1 (calibration)',
      selected: true,
    });
    await user.clear(within(draw).getByLabelText('Size'));
    await user.type(within(draw).getByLabelText('Size'), '6');
    await user.selectOptions(within(draw).getByLabelText('Strata'), 'quarter');
    await user.clear(within(draw).getByLabelText('Seed'));
    await user.type(within(draw).getByLabelText('Seed'), 'calm-heron-7');
    await user.click(within(draw).getByLabelText('cody'));
    await user.click(within(draw).getByRole('button', { name: 'Draw sample' }));
    const result = await within(draw).findByRole('status', { name: 'Draw result' });
    expect(result).toHaveTextContent('Drew 6 units from 36 available, with seed calm-heron-7.');
    expect(within(result).getAllByRole('row')).toHaveLength(5); // header + four quarters of 2022
    const roundId = count("SELECT id FROM rounds WHERE name = 'Calibration 1' AND kind = 'calibration'");
    expect(count('SELECT count(*) FROM units WHERE round_id = ?', roundId)).toBe(6);
    expect(
      count(
        'SELECT count(*) FROM assignments a JOIN units u ON u.id = a.unit_id WHERE u.round_id = ? AND a.user_id = ?',
        roundId,
        s.ids.cora,
      ),
    ).toBe(6);
    expect(count('SELECT count(*) FROM assignments WHERE user_id = ?', s.ids.cody)).toBe(0);
    // The rounds table and the progress bars follow the draw.
    const rounds = screen.getByRole('region', { name: 'Rounds' });
    expect(await within(rounds).findByRole('cell', { name: '6' })).toBeInTheDocument();
    expect(await screen.findByRole('progressbar', { name: 'cora in Calibration 1' })).toHaveAttribute('max', '6');
  });
  test('a double click on Draw sample draws once; the form is cleared for the next draw', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    const draw = await screen.findByRole('form', { name: 'Draw a sample' });
    const size = within(draw).getByLabelText('Size');
    await waitFor(() => expect(size).toHaveValue(33)); // the calculator's n for N = 36
    await user.clear(size);
    await user.type(size, '4');
    await user.selectOptions(within(draw).getByLabelText('Strata'), 'quarter');
    await user.clear(within(draw).getByLabelText('Seed'));
    await user.type(within(draw).getByLabelText('Seed'), 'calm-heron-7');
    const button = within(draw).getByRole('button', { name: 'Draw sample' });
    // Two clicks in one task, before React can disable the button: both submit.
    fireEvent.click(button);
    fireEvent.click(button);
    const result = await within(draw).findByRole('status', { name: 'Draw result' });
    expect(result).toHaveTextContent('Drew 4 units from 36 available, with seed calm-heron-7.');
    expect(count('SELECT count(*) FROM units WHERE round_id = ?', s.roundId)).toBe(4);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'sample.draw'")).toBe(1);
    await waitFor(() => expect(size).toHaveValue(30)); // n again, for the 32 units still available
    expect(within(draw).getByLabelText('Strata')).toHaveValue('none');
    expect(within(draw).getByLabelText('Seed')).not.toHaveValue('calm-heron-7');
  });

  test('posts without text of their own are left out of a draw unless the box is ticked', async () => {
    s.t.db
      .prepare("UPDATE posts SET content_kind = 'image_only' WHERE id IN (SELECT id FROM posts ORDER BY id LIMIT 2)")
      .run();
    const user = userEvent.setup();
    await openAs('owen');
    const newRound = await screen.findByRole('form', { name: 'New round' });
    await user.type(within(newRound).getByLabelText('Round name'), 'All of it');
    await user.click(within(newRound).getByRole('button', { name: 'Create round' }));
    const draw = screen.getByRole('form', { name: 'Draw a sample' });
    await within(within(draw).getByLabelText('Round')).findByRole('option', {
      name: 'All of it (calibration)',
      selected: true,
    });
    const box = await within(draw).findByLabelText(/Include posts without text of their own \(2: /);
    expect(box).not.toBeChecked();
    await user.clear(within(draw).getByLabelText('Size'));
    await user.type(within(draw).getByLabelText('Size'), '40');
    await user.click(box);
    await user.click(within(draw).getByRole('button', { name: 'Draw sample' }));
    const result = await within(draw).findByRole('status', { name: 'Draw result' });
    expect(result).toHaveTextContent('Drew 36 units from 36 available');
  });
});

describe('closing a round', () => {
  beforeEach(async () => {
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
      roundId: s.roundId,
      size: 3,
      seed: 'close',
      overlap: 1,
    });
    const units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
    const cora = await s.as('cora');
    const cody = await s.as('cody');
    const code = (agent: typeof cora, unit: number, codeIds: string[]) =>
      agent.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, { codeIds });
    await code(cora, units[0]!, ['documentation']);
    await code(cody, units[0]!, ['documentation']);
    await code(cora, units[1]!, ['documentation']);
    await code(cody, units[1]!, ['model-usage']);
    await code(cora, units[2]!, ['documentation']);
  });

  test('asks first; cancelling leaves the round open', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    await user.click(await screen.findByRole('button', { name: 'Close Main' }));
    const dialog = screen.getByRole('dialog', { name: 'Close Main?' });
    expect(dialog).toHaveTextContent('3 units; 5 of 6 codings done.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(count('SELECT count(*) FROM rounds WHERE status = ?', 'closed')).toBe(0);
  });

  test('confirming closes the round and shows the summary', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    await user.click(await screen.findByRole('button', { name: 'Close Main' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Close Main?' })).getByRole('button', { name: 'Close round' }),
    );
    const done = await screen.findByRole('dialog', { name: 'Main is closed' });
    const summary = within(done).getByLabelText('Close summary');
    expect(summary).toHaveTextContent('Agreed1 units have their final labels');
    expect(summary).toHaveTextContent('Disagreed1 units go to adjudication');
    expect(summary).toHaveTextContent('Incomplete1 units were missing a coding');
    expect(s.t.db.prepare('SELECT status FROM rounds WHERE id = ?').pluck().get(s.roundId)).toBe('closed');
    await user.click(within(done).getByRole('button', { name: 'Done' }));
    const row = within(screen.getByRole('region', { name: 'Rounds' }))
      .getByRole('cell', { name: 'Main' })
      .closest('tr')!;
    expect(within(row).getByText('closed')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'Close Main' })).not.toBeInTheDocument();
  });
});

describe('what a coder sees', () => {
  test('settings and members read-only, no sample panel and no audit tab', async () => {
    await openAs('cora');
    const settings = await screen.findByRole('region', { name: 'Settings' });
    expect(await within(settings).findByText('several per unit')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Study settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sample' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
  });
});
