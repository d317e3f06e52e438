import { useState, type FormEvent } from 'react';
import { useSetup } from '../../api/auth.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** First run: whoever has the setup code from the server's console creates the first administrator. */
export function SetupPage() {
  const setup = useSetup();
  const [form, setForm] = useState({ setupCode: '', username: '', displayName: '', password: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setup.mutate(form);
  };
  return (
    <main className="auth-page">
      <h1>Threadcoder</h1>
      <form onSubmit={submit} aria-label="Set up administrator" className="card">
        <h2>Set up the administrator</h2>
        <p className="hint">This account manages users and can open every study.</p>
        <label>
          Setup code
          <input
            autoComplete="one-time-code"
            value={form.setupCode}
            onChange={set('setupCode')}
            aria-describedby="setup-code-hint"
            required
          />
          <span className="hint" id="setup-code-hint">
            The server printed a one-time code on its console when it started (the output of <code>npm start</code>).
          </span>
        </label>
        <label>
          User name
          <input autoComplete="username" value={form.username} onChange={set('username')} required />
        </label>
        <label>
          Display name
          <input value={form.displayName} onChange={set('displayName')} required />
        </label>
        <label>
          Password (at least 10 characters)
          <input
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={form.password}
            onChange={set('password')}
            required
          />
        </label>
        <button type="submit" disabled={setup.isPending}>
          Create administrator
        </button>
        <ErrorMessage error={setup.error} />
      </form>
    </main>
  );
}
