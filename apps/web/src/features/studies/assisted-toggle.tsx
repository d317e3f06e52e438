import { useState } from 'react';
import type { Round } from '../../api/studies.ts';
import { useSetAssisted } from '../../api/suggestions.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/**
 * Whether a round is assisted: its coders see the model's suggestions before their own first
 * pass. Its units then count as assisted and can be left out of agreement.
 */
export function AssistedToggle({ studyId, round, canEdit }: { studyId: number; round: Round; canEdit: boolean }) {
  const set = useSetAssisted(studyId);
  // The value asked for, held in React state so the box keeps it from the click on: the mutation's
  // own pending state reaches the component a tick later, after React has put the box back.
  const [wanted, setWanted] = useState<boolean | null>(null);
  if (!canEdit) return <>{round.assisted ? 'assisted' : 'blind first pass'}</>;
  return (
    <>
      <label className="agr-check">
        <input
          type="checkbox"
          checked={wanted ?? round.assisted}
          disabled={set.isPending}
          onChange={(e) => {
            const assisted = e.target.checked;
            setWanted(assisted);
            set.mutate({ roundId: round.id, assisted }, { onSettled: () => setWanted(null) });
          }}
        />
        Assisted<span className="visually-hidden"> {round.name}</span>
      </label>
      <ErrorMessage error={set.error} />
    </>
  );
}
