import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useLogin } from '../../api/auth.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

export function LoginPage({ needsSetup }: { needsSetup: boolean }) {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <main className="auth-page">
      <h1>Threadcoder</h1>
      <form onSubmit={submit} aria-label="Log in" className="card">
        <h2>Log in</h2>
        <label>
          User name
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the login page has one task, and the user name is where it starts
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
        <ErrorMessage error={login.error} />
      </form>
      {needsSetup ? (
        <p>
          This instance has no administrator yet. <Link to="/setup">Set up administrator</Link>
        </p>
      ) : null}
    </main>
  );
}
