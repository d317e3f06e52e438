import { useNameForumCategories, type Source } from '../../api/imports.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/** A Discourse source's category names from the forum's /site.json or /categories.json file. */
export function NameForumCategories({ source }: { source: Source }) {
  const name = useNameForumCategories();
  return (
    <span className="name-categories">
      <label>
        {source.categories > 0 ? `${source.categories} named · update` : 'Name categories'}
        <input
          type="file"
          accept=".json,application/json"
          aria-label={`Category names for ${source.name} (site.json or categories.json)`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) name.mutate({ sourceId: source.id, file });
            e.target.value = '';
          }}
        />
      </label>
      {name.data ? (
        <span role="status">
          {name.data.categories} categories, {name.data.threadsRenamed} threads renamed
        </span>
      ) : null}
      <ErrorMessage error={name.error} />
    </span>
  );
}
