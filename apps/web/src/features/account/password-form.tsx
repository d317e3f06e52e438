import { useState, type FormEvent } from 'react';
import { useChangePassword } from '../../api/accounts.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Changing one's own password needs the current one; other devices are logged out. */
export function PasswordForm() {
  const change = useChangePassword();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(form, { onSuccess: () => setForm({ currentPassword: '', newPassword: '' }) });
  };
  return (
    <form onSubmit={submit} aria-label="Change password" className="card">
      <h2>Change password</h2>
      <label>
        Current password
        <input
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
          required
        />
      </label>
      <label>
        New password (at least 10 characters)
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={form.newPassword}
          onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          required
        />
      </label>
      <button type="submit" disabled={change.isPending}>
        Change password
      </button>
      {change.isSuccess ? (
        <p role="status">Password changed. You stay logged in here; your other sessions have ended.</p>
      ) : null}
      <ErrorMessage error={change.error} />
    </form>
  );
}
