import { Fragment, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorMessage } from './error-message.tsx';
import { highlightQuotes } from './quote-highlights.ts';
import { type QuotablePost, type Quote, quotePost, quoteRange } from './quote-range.ts';
import { type PostsSource, usePostsWindow, type WindowPost } from './use-posts-window.ts';

interface UnitPost extends WindowPost {
  /** The post is (part of) the unit, not a neighbour shown for context. */
  isUnit: boolean;
}

/** A request to bring a quote into view; a new object each time it is asked for, so the same quote can be shown again. */
export interface ShowQuote {
  quote: Quote;
}

interface Props<P extends UnitPost> {
  source: PostsSource<P>;
  /** The scroll region's name and class. */
  label: string;
  className: string;
  /** The post a post unit opens at (scrolled into view); null opens at the top. */
  openAt: number | null;
  /** Highlighted where their posts are on screen. */
  quotes: readonly Quote[];
  show: ShowQuote | null;
  /** Receives the unit's own posts on screen, where a quote may be selected. */
  postsRef?: (posts: QuotablePost[]) => void;
  renderPost: (post: P, bodyRef: (el: HTMLElement | null) => void) => ReactNode;
  /** Shown above the posts, inside the scroll region. */
  children?: ReactNode;
}

/**
 * A unit's posts in a scroll region, the coding and adjudication screens alike: a thread unit's
 * a page at a time (use-posts-window.ts), its quotes highlighted; `show` scrolls to a quote,
 * loading the page around it first when it is not on screen.
 */
export function PagedPosts<P extends UnitPost>(props: Props<P>) {
  const { source, label, className, openAt, quotes, show, postsRef, renderPost, children } = props;
  const { posts, pages, hasLater, hasEarlier, moreRef, loadLater, loadEarlier, goTo } = usePostsWindow(source);
  const scroller = useRef<HTMLElement>(null);
  const bodies = useRef(new Map<number, HTMLElement>());
  const [wanted, setWanted] = useState<Quote | null>(null);
  // A quote asked for whose post is on screen but whose words are not in it (edited beyond recognition).
  const [missing, setMissing] = useState<Quote | null>(null);
  // The distance from the pane's bottom while earlier posts are added above, so the reader stays put.
  const fromBottom = useRef<number | null>(null);

  const quotable = () =>
    posts.flatMap((p) => {
      const body = bodies.current.get(p.id);
      return p.isUnit && p.quoteStart !== null && body ? [{ body, text: p.text, start: p.quoteStart }] : [];
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: quotable reads the posts' bodies, in the DOM once posts render
  useLayoutEffect(() => {
    const onScreen = quotable();
    postsRef?.(onScreen);
    return highlightQuotes(onScreen, quotes);
  }, [posts, postsRef, quotes]);

  // Bring a post unit's post into view inside the pane (not the page) when the unit opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the unit's first page arriving moves the pane; later pages do not
  useLayoutEffect(() => {
    const pane = scroller.current;
    const target = openAt === null ? null : bodies.current.get(openAt)?.closest('article');
    // The pane is the posts' offset parent (position: relative), so offsetTop is measured from its top.
    if (pane) pane.scrollTop = target ? Math.max(0, target.offsetTop - 12) : 0;
  }, [source.first.posts, openAt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new request to show, not a new goTo, moves the pane
  useEffect(() => {
    if (!show) return;
    setMissing(null);
    setWanted(show.quote);
    goTo(show.quote.start);
  }, [show]);

  // The quote wanted, once its post is on screen: a third of the way down the pane.
  // biome-ignore lint/correctness/useExhaustiveDependencies: quotable reads the posts' bodies, in the DOM once posts render
  useLayoutEffect(() => {
    const pane = scroller.current;
    if (!pane || !wanted) return;
    const onScreen = quotable();
    const where = quoteRange(onScreen, wanted)?.startContainer.parentElement;
    if (where) {
      pane.scrollTop += where.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 3;
      setWanted(null);
    } else if (quotePost(onScreen, wanted)) {
      // Its post is here and its words are not: say so rather than stay put without a word.
      setMissing(wanted);
      setWanted(null);
    }
  }, [wanted, posts]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: earlier posts arriving above are what moves the pane
  useLayoutEffect(() => {
    const pane = scroller.current;
    if (!pane || fromBottom.current === null || pages.isFetchingPreviousPage) return;
    pane.scrollTop = pane.scrollHeight - fromBottom.current;
    fromBottom.current = null;
  }, [posts, pages.isFetchingPreviousPage]);

  const earlier = () => {
    const pane = scroller.current;
    if (pane) fromBottom.current = pane.scrollHeight - pane.scrollTop;
    loadEarlier();
  };

  return (
    // The pane keeps its place itself when earlier posts come (fromBottom), not by the browser's scroll anchoring, which not every browser has.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container is focusable so the keyboard can scroll it
    <section className={className} ref={scroller} tabIndex={0} aria-label={label} style={{ overflowAnchor: 'none' }}>
      {children}
      {missing ? (
        <p role="status" className="notice pane-notice">
          The words of the quote “{missing.text}” are not in this post’s text as shown; it may have been reworded.
        </p>
      ) : null}
      {hasEarlier ? (
        <button type="button" className="secondary" disabled={pages.isFetching} onClick={earlier}>
          Show earlier posts
        </button>
      ) : null}
      {posts.length === 0 && pages.isFetching ? <p className="hint">Loading posts…</p> : null}
      {posts.map((p) => (
        <Fragment key={p.id}>
          {renderPost(p, (el) => {
            if (el) bodies.current.set(p.id, el);
            else bodies.current.delete(p.id);
          })}
        </Fragment>
      ))}
      <ErrorMessage error={pages.error} />
      {hasLater ? (
        <button ref={moreRef} type="button" className="secondary" disabled={pages.isFetching} onClick={loadLater}>
          Show later posts
        </button>
      ) : null}
    </section>
  );
}
