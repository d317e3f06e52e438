import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { renderWithApi } from '../support/render-app.tsx';

// The coding screen against the real API over a temporary database: the template codebook
// gives challenge codes the keys 1-9 in tree order (3 = output comprehension, 2 = model usage).

let s: CodingStudy;
let units: number[];
beforeEach(async () => {
  localStorage.clear();
  s = await codingStudy();
  const owen = await s.as('owen');
  const draw = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: 4,
    seed: 'web',
    overlap: 1,
  });
  expect(draw.status).toBe(201);
  units = s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
});
afterEach(() => s.t.close());

const codePath = () => `/studies/${s.studyId}/code`;

async function openAs(name: string, path = codePath(), agent?: Agent) {
  const user = userEvent.setup();
  const page = renderWithApi(s.t.app, { agent: agent ?? (await s.as(name)), path });
  return Object.assign(user, { unmount: page.unmount });
}

const unitArticle = (n: number, of = 4) => screen.findByRole('article', { name: `Unit ${n} of ${of}` });
const code = (name: RegExp | string) =>
  within(screen.getByRole('region', { name: 'Codebook' })).getByRole('button', { name });
const outputComprehension = /^Output comprehension/;
const modelUsage = /^Model usage understanding/;

function stored(unitId: number, coder = 'cora') {
  const row = s.t.db
    .prepare(
      'SELECT c.id, c.memo, c.unsure FROM codings c JOIN users u ON u.id = c.coder_id WHERE c.unit_id = ? AND u.username = ?',
    )
    .get(unitId, coder) as { id: number; memo: string; unsure: number } | undefined;
  if (!row) return null;
  const labels = s.t.db
    .prepare('SELECT code_id, quote, quote_start, quote_end FROM coding_labels WHERE coding_id = ? ORDER BY code_id')
    .all(row.id) as {
    code_id: string;
    quote: string | null;
    quote_start: number | null;
    quote_end: number | null;
  }[];
  return { memo: row.memo, unsure: row.unsure === 1, codeIds: labels.map((l) => l.code_id), labels };
}

const status = () => screen.getByRole('status');
const saved = () => waitFor(() => expect(status()).toHaveTextContent('All changes saved'), { timeout: 5000 });
const unitLinks = () => within(screen.getByRole('navigation', { name: 'Your units' })).getAllByRole('link');
const draftKey = (unitId: number) => `threadcoder:coding-draft:${s.studyId}:${unitId}`;

/** An agent whose coding saves fail like a dropped network: the first `failures` throw, later ones hang if `hangAfter`. */
async function flakyAgent(name: string, failures: number, hangAfter = false) {
  const agent = await s.as(name);
  const request = agent.request.bind(agent);
  let failed = 0;
  agent.request = async (method, path, body, headers) => {
    if (method === 'PUT' && path.endsWith('/coding')) {
      if (failed < failures) {
        failed++;
        throw new TypeError('Failed to fetch');
      }
      if (hangAfter) return new Promise<Response>(() => {});
    }
    return request(method, path, body, headers);
  };
  return agent;
}

describe('coding with the keyboard', () => {
  test('a shortcut toggles a code and Enter saves and opens the next unit: two keystrokes', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('3');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{Enter}');
    await unitArticle(2);
    await saved();
    expect(stored(units[0]!)).toMatchObject({ codeIds: ['output-comprehension'], memo: '', unsure: false });
    await waitFor(() => expect(unitLinks()[0]).toHaveAccessibleName(/coded$/));
    expect(unitLinks()[1]).toHaveAttribute('aria-current', 'page');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
  });

  test('pressing a shortcut again removes the code; Enter on an untouched unit saves it as coded with no codes', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('32');
    await user.keyboard('3');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    expect(code(modelUsage)).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{Enter}');
    await unitArticle(2);
    await user.keyboard('{Enter}');
    await unitArticle(3);
    await saved();
    expect(stored(units[0]!)?.codeIds).toEqual(['model-usage']);
    expect(stored(units[1]!)).toMatchObject({ codeIds: [], memo: '', unsure: false });
  });

  test('j/k and the arrow keys move between units, the list jumps, and Enter skips units already coded', async () => {
    const cora = await s.as('cora');
    await cora.request('PUT', `/api/studies/${s.studyId}/units/${units[1]}/coding`, { codeIds: ['dataset'] });
    const user = await openAs('cora', codePath(), cora);
    await unitArticle(1);
    await user.keyboard('j');
    await unitArticle(2);
    expect(code(/^Dataset acquisition/)).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('j');
    await unitArticle(3);
    await user.keyboard('k');
    await unitArticle(2);
    await user.keyboard('{ArrowRight}');
    await unitArticle(3);
    await user.keyboard('{ArrowUp}');
    await unitArticle(2);
    await user.keyboard('k');
    await unitArticle(1);
    await user.keyboard('k');
    await unitArticle(1);
    await user.click(unitLinks()[3]!);
    await unitArticle(4);
    await user.click(unitLinks()[0]!);
    await unitArticle(1);
    await user.keyboard('{Enter}');
    await unitArticle(3);
  });

  test('u marks the unit unsure, shown in the list', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('u');
    expect(screen.getByRole('button', { name: /Unsure/ })).toHaveAttribute('aria-pressed', 'true');
    await saved();
    expect(stored(units[0]!)).toMatchObject({ unsure: true, codeIds: [] });
    await waitFor(() => expect(unitLinks()[0]).toHaveAccessibleName(/^1 Thread \d+ #\d+ unsure, coded$/));
    await user.keyboard('u');
    await waitFor(() => expect(stored(units[0]!)?.unsure).toBe(false));
  });

  test('m focuses the memo; keys typed there are text, the memo saves after a pause, Escape leaves it', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('m');
    const memo = screen.getByRole('textbox', { name: 'Memo' });
    expect(memo).toHaveFocus();
    await user.keyboard('asks 3 j u?');
    expect(memo).toHaveValue('asks 3 j u?');
    await waitFor(() => expect(stored(units[0]!)?.memo).toBe('asks 3 j u?'), { timeout: 3000 });
    expect(memo).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Unit 1 of 4' })).toBeInTheDocument();
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    expect(stored(units[0]!)).toMatchObject({ codeIds: [], unsure: false });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.keyboard(' more{Escape}');
    expect(memo).not.toHaveFocus();
    await waitFor(() => expect(stored(units[0]!)?.memo).toBe('asks 3 j u? more'));
    await user.keyboard('3');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'true');
  });

  test('the memo typed just before leaving the unit is saved on the way out', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('m');
    await user.keyboard('quick note{Escape}j');
    await unitArticle(2);
    await waitFor(() => expect(stored(units[0]!)?.memo).toBe('quick note'));
  });

  test('in a single-label study a shortcut replaces the label', async () => {
    s.t.db.prepare("UPDATE studies SET label_mode = 'single'").run();
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('1');
    await user.keyboard('2');
    expect(code(modelUsage)).toHaveAttribute('aria-pressed', 'true');
    expect(code(/^Limited guidance/)).toHaveAttribute('aria-pressed', 'false');
    await saved();
    expect(stored(units[0]!)?.codeIds).toEqual(['model-usage']);
  });

  test('/ filters the codebook; Enter there applies the single match, then Enter moves on', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('/');
    const filter = screen.getByRole('searchbox', { name: 'Filter codes' });
    expect(filter).toHaveFocus();
    await user.keyboard('docu3');
    expect(screen.getByText('No code matches “docu3”.')).toBeInTheDocument();
    await user.keyboard('{Backspace}');
    const codebook = screen.getByRole('region', { name: 'Codebook' });
    expect(within(codebook).getAllByRole('button', { pressed: false })).toHaveLength(1);
    expect(within(codebook).queryByRole('group', { name: 'Benefit' })).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(filter).toHaveValue('');
    expect(filter).not.toHaveFocus();
    expect(code(/^Documentation and tutorial gaps/)).toHaveAttribute('aria-pressed', 'true');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    await user.keyboard('{Enter}');
    await unitArticle(2);
    await saved();
    expect(stored(units[0]!)?.codeIds).toEqual(['documentation']);
  });

  test('? shows the keys in a dialog; shortcuts wait until it is closed', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('save and go to the next uncoded unit (else the next one)')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('3');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.keyboard('3');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('the screen', () => {
  test('shows the unit in its thread, the codebook by dimension with definitions, and the coder’s progress', async () => {
    const user = await openAs('cora');
    const article = await unitArticle(1);
    const unit = s.t.db
      .prepare(
        'SELECT t.title, t.category, p.post_number AS n FROM units u JOIN threads t ON t.id = u.thread_id JOIN posts p ON p.id = u.post_id WHERE u.id = ?',
      )
      .get(units[0]) as { title: string; category: string; n: number };
    expect(within(article).getByRole('heading', { level: 3, name: unit.title })).toBeInTheDocument();
    expect(within(article).getByText(unit.category)).toBeInTheDocument();
    expect(within(article).getByRole('article', { name: `Post ${unit.n} (the unit)` })).toHaveTextContent(
      `Post ${unit.n} of ${unit.title.toLowerCase()}`,
    );
    expect(within(article).getAllByRole('article').length).toBeGreaterThan(1);
    expect(screen.getByRole('navigation', { name: 'Your units' })).toBeInTheDocument();
    expect(unitLinks()).toHaveLength(4);
    expect(screen.getByText('0 / 4 coded')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Round' })).toHaveDisplayValue('Main (open)');

    const challenge = screen.getByRole('group', { name: 'Challenge' });
    expect(within(challenge).getAllByRole('button', { pressed: false }).length).toBeGreaterThan(5);
    expect(screen.getByRole('group', { name: 'Benefit' })).toBeInTheDocument();
    expect(code(modelUsage)).toHaveAccessibleDescription(/does not understand how to call, configure or adapt a model/);
    await user.hover(code(modelUsage));
    expect(
      screen.getByText(/does not understand how to call, configure or adapt a model/, {
        selector: '.code-about *, .code-about',
      }),
    ).toBeVisible();

    await user.keyboard('3{Enter}');
    await unitArticle(2);
    await waitFor(() => expect(screen.getByText('1 / 4 coded')).toBeInTheDocument());
  });

  test('text selected in the post is attached to an applied code as a quote, shown under it and removable', async () => {
    const user = await openAs('cora');
    const article = await unitArticle(1);
    const body = within(article)
      .getByRole('article', { name: /\(the unit\)/ })
      .querySelector('.post-body')!;
    const select = (from: number, to: number) => {
      const text = body.querySelector('p')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, from);
      range.setEnd(text, to);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    };
    const postText = body.textContent!; // "Post n of thread m"
    await user.keyboard('3');
    select(0, 6);
    await user.click(screen.getByRole('button', { name: /^Attach selection to Output comprehension/ }));
    const item = code(outputComprehension).closest('li')!;
    expect(within(item).getByText(postText.slice(0, 6), { selector: 'blockquote' })).toBeInTheDocument();
    await waitFor(() =>
      expect(stored(units[0]!)?.labels).toEqual([
        { code_id: 'output-comprehension', quote: postText.slice(0, 6), quote_start: 0, quote_end: 6 },
      ]),
    );

    // q then a code's key attaches without the mouse, applying the code if needed.
    select(7, 9);
    await user.keyboard('q2');
    expect(code(modelUsage)).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() =>
      expect(stored(units[0]!)?.labels.find((l) => l.code_id === 'model-usage')).toMatchObject({
        quote: 'of',
        quote_start: 7,
        quote_end: 9,
      }),
    );

    await user.click(within(item).getByRole('button', { name: /^Remove quote from Output comprehension/ }));
    await waitFor(() =>
      expect(stored(units[0]!)?.labels.find((l) => l.code_id === 'output-comprehension')?.quote).toBeNull(),
    );
    expect(within(item).queryByRole('blockquote')).not.toBeInTheDocument();

    document.getSelection()!.removeAllRanges();
    await user.click(screen.getByRole('button', { name: /^Attach selection to Model usage/ }));
    expect(screen.getByText('Select some text in the highlighted post first, then attach it.')).toBeInTheDocument();
  });

  test('a post that replies to another links to the thread page at the post answered', async () => {
    const post = s.t.db
      .prepare('SELECT p.id, p.thread_id AS threadId FROM units u JOIN posts p ON p.id = u.post_id WHERE u.id = ?')
      .get(units[0]) as { id: number; threadId: number };
    s.t.db.prepare('UPDATE posts SET reply_to = 1 WHERE id = ?').run(post.id);
    await openAs('cora');
    const article = await unitArticle(1);
    expect(within(article).getByRole('link', { name: 'reply to #1' })).toHaveAttribute(
      'href',
      `/threads/${post.threadId}#post-1`,
    );
  });

  test('an owner with no units is told there is nothing to code, and can still read a unit by its address', async () => {
    renderWithApi(s.t.app, { agent: await s.as('owen'), path: codePath() });
    expect(await screen.findByText(/There is nothing for you to code in this study/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Your units' })).not.toBeInTheDocument();
  });

  test('an owner who opens ?unit=N reads it without being able to code it', async () => {
    const user = userEvent.setup();
    renderWithApi(s.t.app, { agent: await s.as('owen'), path: `${codePath()}?unit=${units[2]}` });
    await screen.findByRole('article', { name: `Unit ${units[2]}` });
    expect(screen.getByRole('note')).toHaveTextContent(
      'This unit is not assigned to you: you can read it, but not code it.',
    );
    expect(code(outputComprehension)).toBeDisabled();
    await user.keyboard('3');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    expect(s.t.db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0);
  });
});

describe('saving', () => {
  test('a refusal (the round was closed meanwhile) is shown, rolled back, and the unit turns read-only', async () => {
    const user = await openAs('cora');
    await unitArticle(1);
    const owen = await s.as('owen');
    expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`)).status).toBe(200);
    await user.keyboard('3');
    await waitFor(() =>
      expect(status()).toHaveTextContent('Not saved: This round is closed; codings can no longer change.'),
    );
    expect(await screen.findByRole('note')).toHaveTextContent('This round is closed: your coding is shown read-only.');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    expect(code(outputComprehension)).toBeDisabled();
    expect(localStorage.getItem(draftKey(units[0]!))).toBeNull();
    expect(stored(units[0]!)).toBeNull();
  });

  test('a closed round shows the coder’s coding read-only', async () => {
    const cora = await s.as('cora');
    await cora.request('PUT', `/api/studies/${s.studyId}/units/${units[0]}/coding`, {
      codeIds: ['dataset'],
      memo: 'data loading',
      unsure: true,
    });
    await (await s.as('owen')).post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
    const user = await openAs('cora', codePath(), cora);
    await unitArticle(1);
    expect(screen.getByRole('combobox', { name: 'Round' })).toHaveDisplayValue('Main (closed)');
    expect(screen.getByRole('note')).toHaveTextContent('This round is closed');
    expect(code(/^Dataset acquisition/)).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('textbox', { name: 'Memo' })).toHaveValue('data loading');
    expect(screen.getByRole('textbox', { name: 'Memo' })).toHaveAttribute('readonly');
    await user.keyboard('3u');
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'false');
    await user.keyboard('j');
    await unitArticle(2);
    expect(stored(units[0]!)).toMatchObject({ codeIds: ['dataset'], unsure: true });
  });

  test('while the network is down it says so and retries; the coding arrives when it is back', async () => {
    const user = await openAs('cora', codePath(), await flakyAgent('cora', 1));
    await unitArticle(1);
    await user.keyboard('3');
    await waitFor(() => expect(status()).toHaveTextContent('Not saved — retrying…'));
    expect(JSON.parse(localStorage.getItem(draftKey(units[0]!))!)).toMatchObject({ codeIds: ['output-comprehension'] });
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'true');
    await saved();
    expect(stored(units[0]!)?.codeIds).toEqual(['output-comprehension']);
    expect(localStorage.getItem(draftKey(units[0]!))).toBeNull();
  });

  test('a coding that could not be saved before a reload is restored and saved after it', async () => {
    const first = await openAs('cora', codePath(), await flakyAgent('cora', 1, true));
    await unitArticle(1);
    await first.keyboard('3m');
    await first.keyboard('written offline{Escape}');
    await waitFor(() => expect(status()).toHaveTextContent('Not saved — retrying…'));
    expect(stored(units[0]!)).toBeNull();
    first.unmount();

    // The reload: a new page, a new query client, the network back.
    const { unmount } = renderWithApi(s.t.app, { agent: await s.as('cora'), path: `${codePath()}?unit=${units[0]}` });
    await unitArticle(1);
    await waitFor(() =>
      expect(stored(units[0]!)).toMatchObject({ codeIds: ['output-comprehension'], memo: 'written offline' }),
    );
    expect(code(outputComprehension)).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('textbox', { name: 'Memo' })).toHaveValue('written offline');
    await saved();
    expect(localStorage.getItem(draftKey(units[0]!))).toBeNull();
    unmount();
  });
});
