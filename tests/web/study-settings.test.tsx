import { screen, waitFor, within } from '@testing-library/react';
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

describe('settings and members', () => {
  test('the owner renames the study and turns blind coding off', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    const form = await screen.findByRole('form', { name: 'Study settings' });
    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Reuse pains');
    await user.click(within(form).getByLabelText(/Blind coding/));
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('heading', { name: 'Reuse pains', level: 1 })).toBeInTheDocument();
    expect(s.t.db.prepare('SELECT name, blind FROM studies WHERE id = ?').get(s.studyId)).toEqual({
      name: 'Reuse pains',
      blind: 0,
    });
  });

  test('once units exist the unit and label mode are fixed', async () => {
    const owen = await s.as('owen');
    await owen.post(`/api/studies/${s.studyId}/sampling/draw`, { roundId: s.roundId, size: 2, seed: 'x' });
    await openAs('owen');
    const form = await screen.findByRole('form', { name: 'Study settings' });
    expect(within(form).getByLabelText('Unit')).toBeDisabled();
    expect(within(form).getByLabelText('Labels')).toBeDisabled();
    expect(within(form).getByText('The study has 2 units, so the unit and label mode are fixed.')).toBeInTheDocument();
  });

  test('the owner adds a member by picking an account and a role, and removes one', async () => {
    const user = userEvent.setup();
    await openAs('owen');
    const members = await screen.findByRole('region', { name: 'Members' });
    const add = within(members).getByRole('form', { name: 'Add member' });
    await within(add).findByRole('option', { name: 'nina (nina)' });
    await user.selectOptions(within(add).getByLabelText('Person'), 'nina (nina)');
    await user.selectOptions(within(add).getByLabelText('Role'), 'adjudicator');
    await user.click(within(add).getByRole('button', { name: 'Add member' }));
    expect(await within(members).findByRole('button', { name: 'Remove nina as adjudicator' })).toBeInTheDocument();
    expect(s.t.db.prepare('SELECT role FROM study_members WHERE user_id = ?').pluck().all(s.ids.nina)).toEqual([
      'adjudicator',
    ]);
    await user.click(within(members).getByRole('button', { name: 'Remove cody as coder' }));
    await waitFor(() =>
      expect(within(members).queryByRole('button', { name: 'Remove cody as coder' })).not.toBeInTheDocument(),
    );
    expect(s.t.db.prepare('SELECT count(*) FROM study_members WHERE user_id = ?').pluck().get(s.ids.cody)).toBe(0);
  });
});
