import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { membersQuery, useAddMember, useRemoveMember, usersQuery, type MemberRole } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

const roles: MemberRole[] = ['coder', 'adjudicator', 'owner'];

/** Who works on the study; owners add people from the accounts list and remove memberships. */
export function MembersCard({ studyId, canEdit }: { studyId: number; canEdit: boolean }) {
  const members = useQuery(membersQuery(useClient(), studyId));
  const remove = useRemoveMember(studyId);
  return (
    <section aria-label="Members" className="card">
      <h2>Members</h2>
      <ErrorMessage error={members.error} />
      <ul className="plain-list">
        {members.data?.members.map((m) => (
          <li key={`${m.userId}-${m.role}`}>
            <span>
              {m.displayName} <span className="hint">({m.username})</span> — {m.role}
            </span>
            {canEdit ? (
              <button
                type="button"
                className="secondary small"
                aria-label={`Remove ${m.username} as ${m.role}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(m)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={remove.error} />
      {canEdit ? <AddMemberForm studyId={studyId} /> : null}
    </section>
  );
}

function AddMemberForm({ studyId }: { studyId: number }) {
  const users = useQuery(usersQuery(useClient()));
  const add = useAddMember(studyId);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>('coder');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ userId: Number(userId), role }, { onSuccess: () => setUserId('') });
  };
  return (
    <form aria-label="Add member" className="inline-form" onSubmit={submit}>
      <label>
        Person
        <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
          <option value="">Choose…</option>
          {users.data?.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName} ({u.username})
            </option>
          ))}
        </select>
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={add.isPending || !userId}>
        Add member
      </button>
      <ErrorMessage error={add.error ?? users.error} />
    </form>
  );
}
