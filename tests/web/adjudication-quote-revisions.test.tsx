// The adjudicator reads a unit as first coded (the oldest revision a coding was made on). A quote
// made on a later revision has offsets into another text: it is listed, but neither shown in this
// text ("Show in text", the " key) nor highlighted there.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { largeStudy } from '../support/large-study.ts';
import { renderWithApi } from '../support/render-app.tsx';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let study: Awaited<ReturnType<typeof largeStudy>>;
let ada: Agent;
beforeEach(async () => {
  t = makeTestApp();
  study = await largeStudy(t.db, { units: 3, disagree: true });
  ada = new Agent(t.app);
  await ada.login('ada');
  const unitId = study.unitIds[0]!;
  const quote = t.db.prepare(
    `UPDATE coding_labels SET quote = ?, quote_start = 0, quote_end = 4
     WHERE coding_id = (SELECT id FROM codings WHERE unit_id = ? AND coder_id = ?)`,
  );
  quote.run('Text', unitId, study.ids.cora);
  quote.run('Text', unitId, study.ids.cody);
  // Cody coded after the forum edited the post: his quote's offsets are into revision 2's text.
  t.db.prepare('UPDATE codings SET revision = 2 WHERE unit_id = ? AND coder_id = ?').run(unitId, study.ids.cody);
});
afterEach(() => t.close());

test('only quotes made on the text shown can be shown in it', async () => {
  renderWithApi(t.app, { path: `/studies/${study.studyId}/adjudicate?unit=${study.unitIds[0]}`, agent: ada });
  const cora = await screen.findByRole('region', { name: /^Coding by cora/i }, { timeout: 5000 });
  const cody = screen.getByRole('region', { name: /^Coding by cody/i });
  expect(within(cora).getByRole('button', { name: /^Show the quote of .* in the text$/ })).toBeInTheDocument();
  expect(within(cody).queryByRole('button', { name: /^Show the quote of/ })).toBeNull();
  expect(
    within(cody).getByText('Made on a later version of the text (revision 2); not shown here.'),
  ).toBeInTheDocument();
});

test('a quote whose words are not in its post says so when asked to be shown, until a quote that is found is asked for', async () => {
  const unitId = study.unitIds[0]!;
  t.db
    .prepare(
      `UPDATE coding_labels SET quote = 'Nowhere said' WHERE coding_id = (SELECT id FROM codings WHERE unit_id = ? AND coder_id = ?)`,
    )
    .run(unitId, study.ids.cora);
  t.db.prepare('UPDATE codings SET revision = 1 WHERE unit_id = ? AND coder_id = ?').run(unitId, study.ids.cody);
  renderWithApi(t.app, { path: `/studies/${study.studyId}/adjudicate?unit=${unitId}`, agent: ada });
  const cora = await screen.findByRole('region', { name: /^Coding by cora/i }, { timeout: 5000 });
  const cody = screen.getByRole('region', { name: /^Coding by cody/i });
  const missing =
    'The words of the quote “Nowhere said” are not in this post’s text as shown; it may have been reworded.';

  await userEvent.click(within(cora).getByRole('button', { name: /^Show the quote of/ }));
  expect((await screen.findByText(missing)).getAttribute('role')).toBe('status');
  await userEvent.click(within(cody).getByRole('button', { name: /^Show the quote of/ }));
  await waitFor(() => expect(screen.queryByText(missing)).toBeNull());
});
