import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useLogout, type SessionUser } from '../api/auth.ts';

/** The frame around every signed-in page: top navigation and the signed-in user. */
export function Layout({ user }: { user: SessionUser }) {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Threadcoder</span>
        <nav aria-label="Main">
          <NavLink to="/sources">Sources</NavLink>
          <NavLink to="/threads">Threads</NavLink>
          <NavLink to="/studies">Studies</NavLink>
        </nav>
        <span className="who">
          <NavLink to="/account">
            {user.displayName}
            {user.isAdmin ? ' (admin)' : ''}
          </NavLink>
          <button
            type="button"
            className="link"
            onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login') })}
          >
            Log out
          </button>
        </span>
      </header>
      <main>
        {/* Pages load as separate chunks (app/lazy-pages.ts), the opened one before the first render. */}
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
