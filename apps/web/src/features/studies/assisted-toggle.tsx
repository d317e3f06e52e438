import type { Round } from '../../api/studies.ts';
import { useSetAssisted } from '../../api/suggestions.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/**
 * Whether a round is assisted: its coders see the model's suggestions before their own first
 * pass. Its units then count as assisted and can be left out of agreement.
 */
export function AssistedToggle({ studyId, round, canEdit }: { studyId: number; round: Round; canEdit: boolean }) {
  const set = useSetAssisted(studyId);
  if (!canEdit) return <>{round.assisted ? 'assisted' : 'blind first pass'}</>;
  return (
    <>
      <label className="agr-check">
        <input
          type="checkbox"
          // Shows the change at once, while the server stores it.
          checked={set.isPending ? set.variables.assisted : round.assisted}
          disabled={set.isPending}
          onChange={(e) => set.mutate({ roundId: round.id, assisted: e.target.checked })}
        />
        Assisted<span className="visually-hidden"> {round.name}</span>
      </label>
      <ErrorMessage error={set.error} />
    </>
  );
}
