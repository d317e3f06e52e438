import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { studyCodebookQuery } from '../../api/codebook.ts';
import { ApiError } from '../../api/client.ts';
import { useClient } from '../../api/client-context.tsx';
import { studyQuery } from '../../api/studies.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CodebookChooser } from './codebook-chooser.tsx';
import { CodebookEditor } from './codebook-editor.tsx';
import { CodebookReference } from './codebook-reference.tsx';
import { ExportLinks } from './files-bar.tsx';
import { ReviewList } from './review-list.tsx';

/** /studies/:studyId/codebook — owners edit the codebook; coders and adjudicators read the version the study codes with. */
export function CodebookPage() {
  const studyId = Number(useParams().studyId);
  const client = useClient();
  const study = useQuery(studyQuery(client, studyId));
  const codebook = useQuery(studyCodebookQuery(client, studyId));
  if (study.isError) return <ErrorMessage error={study.error} />;
  if (study.isPending || codebook.isPending) return <p className="hint">Loading the codebook…</p>;
  const { roles } = study.data.study;
  const isOwner = roles.includes('owner');
  if (codebook.isError) {
    const none = codebook.error instanceof ApiError && codebook.error.code === 'study.no_codebook';
    if (!none) return <ErrorMessage error={codebook.error} />;
    return isOwner ? (
      <CodebookChooser studyId={studyId} />
    ) : (
      <p>This study has no codebook yet; its owner chooses one here.</p>
    );
  }
  if (isOwner)
    return <CodebookEditor studyId={studyId} overview={codebook.data} isAdjudicator={roles.includes('adjudicator')} />;
  return (
    <div className="cb-read">
      <ReviewList studyId={studyId} canChooseFinals={roles.includes('adjudicator')} />
      <ExportLinks studyId={studyId} version={codebook.data.pinnedVersion} />
      <CodebookReference codes={codebook.data.codebook.codes} version={codebook.data.pinnedVersion} />
    </div>
  );
}
