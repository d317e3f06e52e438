/** Sources and imports; the import feature fills this page. */
export function SourcesPage() {
  return (
    <section aria-labelledby="sources-heading">
      <h1 id="sources-heading">Sources</h1>
      <p>Importing forum threads is not available yet.</p>
    </section>
  );
}
