import { useMemo, useState } from 'react';
import type { ImagePolicy } from '../api/auth.ts';
import { presentPostHtml } from './post-html.ts';

interface Props {
  html: string;
  /** Why the post has no words of its own, when the caller knows (the coding screens). */
  contentKind?: 'text' | 'empty' | 'image_only' | 'embed_only';
  /** The forum's origin, for links to quoted posts and relative links. */
  forum?: string;
  images: ImagePolicy;
  className: string;
  bodyRef?: (el: HTMLDivElement | null) => void;
}

const noWords: Record<NonNullable<Props['contentKind']>, string | null> = {
  text: null,
  empty: 'This post is empty: it has no text, images or links to code.',
  image_only: 'This post has no text of its own: only images.',
  embed_only: 'This post has no text of its own: only quotes, link previews or videos.',
};

/** A post's sanitized HTML, its quotes, previews and videos marked, its images held back until asked for. */
export function PostBody({ html, contentKind, forum, images, className, bodyRef }: Props) {
  const [load, setLoad] = useState(images === 'always');
  const shown = useMemo(() => presentPostHtml(html, { forum, loadImages: load }), [html, forum, load]);
  // Without the post's kind (the thread page), an empty body still says it is empty.
  const note = noWords[contentKind ?? (html.trim() === '' ? 'empty' : 'text')];
  return (
    <>
      {note ? (
        <p className="no-words" role="note">
          {note}
        </p>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized with an allowlist at import; presentPostHtml only adds labels and placeholders */}
      <div className={className} ref={bodyRef} dangerouslySetInnerHTML={{ __html: shown.html }} />
      {shown.heldImages > 0 && images === 'click' ? (
        <button type="button" className="secondary load-images" onClick={() => setLoad(true)}>
          Load {shown.heldImages === 1 ? 'the image' : `${shown.heldImages} images`} from {shown.hosts.join(', ')}
        </button>
      ) : null}
    </>
  );
}
