// A collection's progress and outcome in words, for the command line.
import type { CollectionProgress, CollectionRecord } from './state.ts';

export function describeProgress(p: CollectionProgress): string {
  const handled = p.topicsDone + p.topicsUnchanged + p.topicsFailed;
  const extra = [p.topicsUnchanged && `${p.topicsUnchanged} unchanged`, p.topicsFailed && `${p.topicsFailed} failed`]
    .filter(Boolean)
    .join(', ');
  const eta = p.etaSeconds === null ? '' : ` · ETA ${duration(p.etaSeconds)} for the topics listed so far`;
  return `topics ${handled}/${p.topicsKnown}${extra ? ` (${extra})` : ''} · posts ${p.postsDone}/${p.postsKnown} · ${p.requests} requests${eta}`;
}

export function describeResult(r: CollectionRecord): string {
  const counts = (c: { new: number; updated: number; unchanged: number }) =>
    `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged`;
  const lines: string[] = [];
  if (r.status === 'succeeded')
    lines.push(
      `Collected ${r.options.forumUrl} into "${r.sourceName}" (collection #${r.id}, ${r.progress.requests} requests).`,
    );
  if (r.status === 'stopped') lines.push(`Stopped collection #${r.id}; run the same command again to resume.`);
  if (r.status === 'failed') lines.push(`Collection #${r.id} failed (${r.error?.code}): ${r.error?.message}`);
  lines.push(
    `Threads ${counts(r.report.threads)}; posts ${counts(r.report.posts)}; ${r.progress.topicsUnchanged} topics unchanged since the last run, not fetched.`,
  );
  for (const f of r.report.failedTopics) lines.push(`Topic ${f.topicId} not collected: ${f.reason}`);
  for (const s of r.report.skipped) lines.push(`Skipped ${s.count} ${s.reason}.`);
  if (r.report.rejected.length)
    lines.push(`Rejected ${r.report.rejected.length + r.report.rejectedOmitted} posts (see the collection's report).`);
  return lines.join('\n');
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}:${String(s).padStart(2, '0')}`;
}
