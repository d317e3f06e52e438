import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { codebookReviewsQuery, useResolveReview, type ReviewItem } from '../../api/codebook.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';

/**
 * Labels a split took off after the study moved to a newer version. Coders choose the parts
 * that apply to their own units (or code the unit again); adjudicators do it for final
 * labels; owners see how many each coder still has open.
 */
export function ReviewList({ studyId, canChooseFinals }: { studyId: number; canChooseFinals: boolean }) {
  const reviews = useQuery(codebookReviewsQuery(useClient(), studyId));
  if (reviews.isPending) return null;
  if (reviews.isError) return <ErrorMessage error={reviews.error} />;
  const { mine, finals, byCoder } = reviews.data;
  if (mine.length + finals.length + byCoder.length === 0) return null;
  return (
    <section className="card" aria-label="Review list">
      <h2>Review after a split</h2>
      {mine.length > 0 ? <ItemList title="Your codings" items={mine} studyId={studyId} canChoose /> : null}
      {finals.length > 0 ? (
        <ItemList title="Final labels" items={finals} studyId={studyId} canChoose={canChooseFinals} />
      ) : null}
      {byCoder.length > 0 ? (
        <table className="table compact" aria-label="Open reviews by coder">
          <thead>
            <tr>
              <th>Coder</th>
              <th>Labels to review</th>
            </tr>
          </thead>
          <tbody>
            {byCoder.map((row) => (
              <tr key={row.coderId}>
                <th scope="row">{row.coderName}</th>
                <td>{row.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ItemList({
  title,
  items,
  studyId,
  canChoose,
}: {
  title: string;
  items: ReviewItem[];
  studyId: number;
  canChoose: boolean;
}) {
  return (
    <>
      <h3>{title}</h3>
      <ul className="plain-list" aria-label={title}>
        {items.map((item) => (
          <li key={item.id}>
            <ReviewRow item={item} studyId={studyId} canChoose={canChoose} />
          </li>
        ))}
      </ul>
    </>
  );
}

function ReviewRow({ item, studyId, canChoose }: { item: ReviewItem; studyId: number; canChoose: boolean }) {
  const resolve = useResolveReview(studyId);
  const [chosen, setChosen] = useState<string[]>([]);
  const where = item.postNumber === null ? item.threadTitle : `${item.threadTitle}, post ${item.postNumber}`;
  return (
    <form
      aria-label={`Review ${item.labelName} in ${where}`}
      className="cb-review"
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate({ reviewId: item.id, codeIds: chosen });
      }}
    >
      <p>
        <strong>{where}</strong>
        {item.coderName ? <span className="hint"> · {item.coderName}</span> : null}
        <br />“{item.labelName}” was split. Which parts apply?
      </p>
      <div className="row">
        {item.choices.map((choice) => (
          <label key={choice.id} className="check">
            <input
              type="checkbox"
              disabled={!canChoose}
              checked={chosen.includes(choice.id)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, choice.id] : chosen.filter((id) => id !== choice.id))
              }
            />
            {choice.name}
          </label>
        ))}
        {canChoose ? (
          <button type="submit" className="small" disabled={resolve.isPending}>
            {chosen.length ? 'Apply' : 'None apply'}
          </button>
        ) : null}
      </div>
      <ErrorMessage error={resolve.error} />
    </form>
  );
}
