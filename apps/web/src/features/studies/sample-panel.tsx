import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { populationQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { DrawForm } from './draw-form.tsx';
import { SampleSizeCalculator } from './sample-size-calculator.tsx';

/** For owners: how many units to draw (Cochran), then the draw itself. */
export function SamplePanel({ studyId }: { studyId: number }) {
  const population = useQuery(populationQuery(useClient(), studyId));
  const [n, setN] = useState<number | undefined>(undefined);
  return (
    <section aria-label="Sample" className="card">
      <h2>Sample</h2>
      <ErrorMessage error={population.error} />
      <div className="grid-2 flat">
        <SampleSizeCalculator available={population.data?.available} onSize={setN} />
        <DrawForm studyId={studyId} suggestedSize={n} />
      </div>
    </section>
  );
}
