import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { EditedSinceCoded } from '../../apps/web/src/components/edited-since-coded.tsx';

const edited = {
  coded: 1,
  current: 2,
  editedSinceCoded: true,
  codedText: 'Use push_to_hub() to upload.',
  currentText: 'Use upload_folder() to upload.',
};

test('the notice says the unit is shown as coded and toggles a word diff', async () => {
  const user = userEvent.setup();
  render(<EditedSinceCoded revision={edited} />);
  const notice = screen.getByRole('region', { name: 'Edited since coded' });
  expect(notice).toHaveTextContent('it is shown as coded (revision 1, now 2)');
  expect(screen.queryByLabelText('Changes since coded')).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Show changes' }));
  const diff = screen.getByLabelText('Changes since coded');
  // Words and punctuation are separate tokens: the parentheses did not change.
  expect([...diff.querySelectorAll('del')].map((e) => e.textContent)).toEqual(['push_to_hub']);
  expect([...diff.querySelectorAll('ins')].map((e) => e.textContent)).toEqual(['upload_folder']);
  expect(diff).toHaveTextContent('Use push_to_hubupload_folder() to upload.');

  await user.click(screen.getByRole('button', { name: 'Hide changes' }));
  expect(screen.queryByLabelText('Changes since coded')).toBeNull();
});

test('a unit not edited since it was coded shows nothing', () => {
  const { container } = render(
    <EditedSinceCoded
      revision={{ coded: 2, current: 2, editedSinceCoded: false, codedText: null, currentText: null }}
    />,
  );
  expect(container).toBeEmptyDOMElement();
});
