import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/client-context.tsx';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { MembersCard } from './members-card.tsx';
import { ProgressCard } from './progress-card.tsx';
import { RoundsCard } from './rounds-card.tsx';
import { SamplePanel } from './sample-panel.tsx';
import { SettingsCard } from './settings-card.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';

/** A study at a glance; owners manage it here, everyone else reads the same page without the controls. */
export function StudyOverview() {
  const studyId = useStudyId();
  const study = useQuery(studyQuery(useClient(), studyId));
  if (!study.data) return <ErrorMessage error={study.error} />;
  const s = study.data.study;
  const isOwner = s.roles.includes('owner');
  return (
    <div className="overview">
      <div className="grid-2">
        <SettingsCard study={s} canEdit={isOwner} />
        <MembersCard studyId={studyId} canEdit={isOwner} />
      </div>
      <div className="grid-wide">
        <RoundsCard study={s} canEdit={isOwner} />
        <ProgressCard studyId={studyId} />
      </div>
      {isOwner ? <SamplePanel studyId={studyId} /> : null}
    </div>
  );
}
