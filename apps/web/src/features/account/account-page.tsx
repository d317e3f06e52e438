import type { SessionUser } from '../../api/auth.ts';
import { PasswordForm } from './password-form.tsx';
import { UsersCard } from './users-card.tsx';

/** One's own account, and for administrators the instance's users. */
export function AccountPage({ user }: { user: SessionUser }) {
  return (
    <section aria-labelledby="account-heading" className="account">
      <h1 id="account-heading">Account</h1>
      <p>
        Signed in as {user.username}
        {user.isAdmin ? ', administrator' : ''}
        {user.isImporter ? ', importer' : ''}.
      </p>
      <PasswordForm />
      {user.isAdmin ? <UsersCard myId={user.id} /> : null}
    </section>
  );
}
