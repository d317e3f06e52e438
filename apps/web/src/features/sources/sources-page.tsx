import { useQuery } from '@tanstack/react-query';
import { Link, Route, Routes } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { sourcesQuery } from '../../api/imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CollectSection } from './collect-section.tsx';
import { HubSection } from './hub-section.tsx';
import { ImportForm } from './import-form.tsx';
import { ImportPage } from './import-page.tsx';
import { ImportsTable } from './imports-table.tsx';
import { SourcesTable } from './sources-table.tsx';

/** Sources, their imports, and (for administrators and importers) the import form. */
export function SourcesPage() {
  return (
    <Routes>
      <Route index element={<SourcesHome />} />
      <Route path="imports/:importId" element={<ImportPage />} />
    </Routes>
  );
}

function SourcesHome() {
  const sources = useQuery(sourcesQuery(useClient()));
  return (
    <section aria-labelledby="sources-heading" className="sources">
      <h1 id="sources-heading">Sources</h1>
      <p>
        Each source is one forum. <Link to="/threads">Browse all threads</Link>
      </p>
      {sources.data ? (
        <SourcesTable sources={sources.data.sources} canImport={sources.data.canImport} />
      ) : (
        <ErrorMessage error={sources.error} />
      )}
      {sources.data?.canImport ? (
        <>
          <ImportForm sources={sources.data.sources} maxUploadBytes={sources.data.maxUploadBytes} />
          <ImportsTable />
          <CollectSection />
          <HubSection />
        </>
      ) : sources.data ? (
        <p className="hint">Importing and collecting need the importer right, which an administrator grants.</p>
      ) : null}
    </section>
  );
}
