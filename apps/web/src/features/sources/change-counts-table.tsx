interface ChangeCounts {
  new: number;
  updated: number;
  unchanged: number;
}

/** New/updated/unchanged threads and posts, as an import or a collection reports them. */
export function ChangeCountsTable({
  label,
  threads,
  posts,
}: {
  label: string;
  threads: ChangeCounts;
  posts: ChangeCounts;
}) {
  const rows = [
    ['Threads', threads],
    ['Posts', posts],
  ] as const;
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th />
          <th>New</th>
          <th>Updated</th>
          <th>Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, c]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{c.new.toLocaleString()}</td>
            <td>{c.updated.toLocaleString()}</td>
            <td>{c.unchanged.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
