/** Shown for a study page whose feature has not been built yet, so the navigation is honest about it. */
export function PendingFeature({ name }: { name: string }) {
  return (
    <section aria-label={name}>
      <h2>{name}</h2>
      <p>This part of Threadcoder is not available yet.</p>
    </section>
  );
}
