import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/client-context.tsx';
import { codebookQuery } from '../../api/codebook-read.ts';
import { studyQuery } from '../../api/studies.ts';
import { evaluationQuery, useTrainModel, type SuggestionEvaluation } from '../../api/suggestions.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useStudyId } from '../../hooks/use-study-id.ts';
import { proseDateTime } from '../../components/dates.ts';

type Evaluation = NonNullable<Extract<SuggestionEvaluation, { evaluation: unknown }>['evaluation']>;

const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/**
 * /studies/:studyId/suggestions: how good the code suggestions are, measured by k-fold
 * cross-validation on the study's own settled units (folds grouped by thread and duplicate
 * text), per code and as macro averages; and the codes with too few examples, which are never suggested.
 */
export function EvaluationPage() {
  const client = useClient();
  const studyId = useStudyId();
  const report = useQuery(evaluationQuery(client, studyId));
  const codebook = useQuery(codebookQuery(client, studyId));
  const study = useQuery(studyQuery(client, studyId));
  const train = useTrainModel(studyId);
  const name = (id: string) => codebook.data?.codebook.codes.find((c) => c.id === id)?.name ?? id;
  const isOwner = study.data?.study.roles.includes('owner') ?? false;
  const data = report.data;
  const evaluation = data && 'evaluation' in data ? data.evaluation : null;
  return (
    <section aria-labelledby="sug-heading" className="card">
      <h2 id="sug-heading">Suggestions</h2>
      <ErrorMessage error={report.error ?? train.error} />
      {report.isPending ? <p className="loading">Loading the evaluation…</p> : null}
      {data ? (
        <p className="hint">
          {'version' in data
            ? `Model version ${data.version}, trained ${proseDateTime(data.trainedAt)} on ${data.labelCount} settled units.`
            : 'No model yet: it is trained from settled units (final labels).'}{' '}
          {data.training ? <strong>Training…</strong> : null}
        </p>
      ) : null}
      {isOwner ? (
        <button
          type="button"
          className="secondary small"
          disabled={train.isPending || data?.training}
          onClick={() => train.mutate()}
        >
          Retrain now
        </button>
      ) : null}
      {data && 'version' in data && !evaluation ? (
        <p>
          Too few settled threads to cross-validate: the units of a thread (and copies of a text) share a fold, and
          there are fewer such groups than folds.
        </p>
      ) : null}
      {evaluation ? <EvaluationTables evaluation={evaluation} threshold={data!.threshold} name={name} /> : null}
    </section>
  );
}

function EvaluationTables({
  evaluation: e,
  threshold,
  name,
}: {
  evaluation: Evaluation;
  threshold: number;
  name: (id: string) => string;
}) {
  return (
    <>
      <p>
        {e.folds}-fold cross-validation (seed {e.seed}) on {e.examples} settled units in {e.groups} groups: the units of
        one thread, and units with the same text (ignoring case, spacing and punctuation), always share a fold, so each
        unit is predicted by a model trained without it, its thread and any copy of its text. A code is suggested when
        its score is at least {threshold}. Precision: share of suggestions that were right; recall: share of the code’s
        units that got the suggestion. Learned in: folds whose training part had enough examples of the code.
      </p>
      <table className="table" aria-label="Evaluation per code">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Examples</th>
            <th scope="col">Learned in</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Right / wrong / missed</th>
          </tr>
        </thead>
        <tbody>
          {e.perCode.map((c) => (
            <tr key={c.codeId}>
              <th scope="row">{name(c.codeId)}</th>
              <td>{c.positives}</td>
              <td>
                {c.evaluatedFolds} of {e.folds} folds
              </td>
              <td>{fixed(c.precision)}</td>
              <td>{fixed(c.recall)}</td>
              <td>{fixed(c.f1)}</td>
              <td>
                {c.truePositives} / {c.falsePositives} / {c.falseNegatives}
              </td>
            </tr>
          ))}
        </tbody>
        {e.macro ? (
          <tfoot>
            <tr>
              <th scope="row">Macro average</th>
              <td />
              <td />
              <td>{fixed(e.macro.precision)}</td>
              <td>{fixed(e.macro.recall)}</td>
              <td>{fixed(e.macro.f1)}</td>
              <td />
            </tr>
          </tfoot>
        ) : null}
      </table>
      {e.unsuggestable.length > 0 ? (
        <section aria-labelledby="sug-unsuggestable">
          <h3 id="sug-unsuggestable">Unsuggestable codes</h3>
          <p className="hint">
            A code needs at least {e.minPositives} settled units with it (and as many without) before it is suggested.
          </p>
          <ul>
            {e.unsuggestable.map((u) => (
              <li key={u.codeId}>
                <strong>{name(u.codeId)}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
