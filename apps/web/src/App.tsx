import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes } from 'react-router';
import { sessionQuery } from './api/auth.ts';
import { useClient } from './api/client-context.tsx';
import { ErrorMessage } from './components/error-message.tsx';
import { Layout } from './components/layout.tsx';
import { AccountPage } from './features/account/account-page.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { SetupPage } from './features/auth/setup-page.tsx';
import { pageRoutes } from './app/page-routes.tsx';

/** Logged out: login and first-run setup only. Logged in: the app inside the layout. */
export function App() {
  const session = useQuery(sessionQuery(useClient()));
  if (session.isPending) return <p className="loading">Loading…</p>;
  if (session.isError) return <ErrorMessage error={session.error} />;
  const { user, needsSetup } = session.data;
  if (!user) {
    return (
      <Routes>
        <Route path="/setup" element={needsSetup ? <SetupPage /> : <Navigate to="/login" replace />} />
        <Route path="*" element={<LoginPage needsSetup={needsSetup} />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route element={<Layout user={user} />}>
        <Route index element={<Navigate to="/studies" replace />} />
        <Route path="login" element={<Navigate to="/studies" replace />} />
        <Route path="setup" element={<Navigate to="/studies" replace />} />
        <Route path="account" element={<AccountPage user={user} />} />
        {pageRoutes()}
        <Route path="*" element={<p role="alert">There is no page here.</p>} />
      </Route>
    </Routes>
  );
}
