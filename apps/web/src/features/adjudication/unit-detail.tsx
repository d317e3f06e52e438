import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { adjudicationUnitQuery, type AdjudicationChoices } from '../../api/adjudication.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { EditedSinceCoded } from '../../components/edited-since-coded.tsx';
import { httpUrl } from '../../components/http-url.ts';
import { nextQuote } from '../../components/next-quote.ts';
import type { ShowQuote } from '../../components/paged-posts.tsx';
import type { CodeNames } from './code-names.ts';
import { CoderCodings } from './coder-codings.tsx';
import { DecisionForm } from './decision-form.tsx';
import { PostContext } from './post-context.tsx';
import { unitTitle } from './queue-list.tsx';
import { SettledDecision } from './settled-decision.tsx';
import { isTyping } from './use-queue-keys.ts';

interface Props {
  studyId: number;
  unitId: number;
  choices: AdjudicationChoices;
  names: CodeNames;
}

/** One unit in adjudication: the post in its thread, each coder's coding side by side, and the decision. */
export function UnitDetail({ studyId, unitId, choices, names }: Props) {
  const unit = useQuery(adjudicationUnitQuery(useClient(), studyId, unitId));
  // A quote's offsets are into the text its coding was made on: only those on the text shown can be found in it.
  const shownRevision = unit.data?.revision.coded ?? null;
  const quotes = useMemo(
    () =>
      unit.data?.item.codings
        .filter((c) => shownRevision === null || c.revision === shownRevision)
        .flatMap((c) => Object.values(c.quotes)) ?? [],
    [unit.data, shownRevision],
  );
  const [show, setShow] = useState<ShowQuote | null>(null);
  // " goes from quote to quote in the text, as on the coding screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '"' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || quotes.length === 0) return;
      e.preventDefault();
      setShow((last) => ({ quote: nextQuote(quotes, last?.quote ?? null) }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [quotes]);
  if (unit.isPending)
    return (
      <section aria-label="Selected unit" className="card adj-detail">
        <p>Loading…</p>
      </section>
    );
  if (unit.isError) {
    return (
      <section aria-label="Selected unit" className="card adj-detail">
        <ErrorMessage error={unit.error} />
      </section>
    );
  }
  const { item, thread, revision } = unit.data;
  const url = httpUrl(thread.url);
  return (
    <section aria-labelledby="adj-unit-heading" className="card adj-detail">
      <h2 id="adj-unit-heading">{unitTitle(item)}</h2>
      <p className="hint">
        {item.roundName} · <span className={`adj-status adj-status-${item.status}`}>{item.status}</span>
        {url ? (
          <>
            {' · '}
            <a href={url} target="_blank" rel="noreferrer noopener">
              Open the thread on the forum
            </a>
          </>
        ) : null}
      </p>
      <EditedSinceCoded revision={revision} />
      <PostContext studyId={studyId} unit={unit.data} quotes={quotes} show={show} />
      <CoderCodings
        codings={item.codings}
        names={names}
        shownRevision={shownRevision}
        onShowQuote={(quote) => setShow({ quote })}
      />
      {item.status === 'settled' ? (
        <SettledDecision studyId={studyId} item={item} names={names} />
      ) : (
        <DecisionForm studyId={studyId} item={item} choices={choices} names={names} />
      )}
    </section>
  );
}
