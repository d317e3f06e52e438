import { useQuery } from '@tanstack/react-query';
import { useUpdateAccount, type AccountRow } from '../../api/accounts.ts';
import { useClient } from '../../api/client-context.tsx';
import { usersQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** Administrators: who may import and collect, and who may log in at all. */
export function UsersCard({ myId }: { myId: number }) {
  const users = useQuery(usersQuery(useClient()));
  const update = useUpdateAccount();
  return (
    <section aria-labelledby="users-heading" className="card">
      <h2 id="users-heading">Users</h2>
      <p className="hint">
        Importers may import and collect into sources of their own. Disabling an account logs it out at once.
      </p>
      <ErrorMessage error={users.error ?? update.error} />
      {users.data ? (
        <table className="table" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Name</th>
              <th scope="col">Importer</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u: AccountRow) => (
              <tr key={u.id}>
                <td>
                  {u.username}
                  {u.isAdmin ? ' (admin)' : ''}
                </td>
                <td>{u.displayName}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${u.username} may import`}
                    checked={('isImporter' in u && u.isImporter) || u.isAdmin}
                    disabled={u.isAdmin || update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, patch: { isImporter: e.target.checked } })}
                  />
                </td>
                <td>
                  {'disabled' in u && u.disabled ? 'disabled ' : 'active '}
                  {u.id === myId ? null : (
                    <button
                      type="button"
                      className="link"
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: u.id, patch: { disabled: !('disabled' in u && u.disabled) } })}
                    >
                      {'disabled' in u && u.disabled ? `Enable ${u.username}` : `Disable ${u.username}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
