// What the forum shows beside a post: its "Accepted answer" mark and its author's role
// (admin, moderator, staff), group and title; and a thread's "Solved" marker.
interface Standing {
  acceptedAnswer: boolean;
  authorRole: string | null;
  authorGroup: string | null;
  authorTitle: string | null;
}

/** The author's role, group and title, each a small chip after the name; nothing for a plain user. */
export function AuthorStanding({ post }: { post: Standing }) {
  return (
    <>
      {post.authorRole ? (
        <span className="standing standing-role" title="Role on the forum">
          {post.authorRole}
        </span>
      ) : null}
      {post.authorGroup ? (
        <span className="standing" title="Primary group on the forum">
          {post.authorGroup}
        </span>
      ) : null}
      {post.authorTitle ? (
        <span className="standing standing-title" title="Title on the forum">
          {post.authorTitle}
        </span>
      ) : null}
    </>
  );
}

export function AcceptedBadge({ post }: { post: Standing }) {
  return post.acceptedAnswer ? <span className="badge badge-accepted">✓ Accepted answer</span> : null;
}

export function SolvedMarker({ solved }: { solved: boolean }) {
  return solved ? <span className="badge badge-accepted">Solved</span> : null;
}
