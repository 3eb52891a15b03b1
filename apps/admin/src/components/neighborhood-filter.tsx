/**
 * The "Neighborhood" filter of list screens (queue, who is responsible): every neighborhood by
 * name and code, or all of them. An empty choice is reported as null.
 */
export function NeighborhoodFilter({
  id,
  neighborhoods,
  value,
  onChange,
}: {
  id: string;
  neighborhoods: ReadonlyArray<{ id: string; code: string; name: string }>;
  value: string | null | undefined;
  onChange: (neighborhoodId: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Neighborhood</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value || null)}>
        <option value="">All neighborhoods</option>
        {neighborhoods.map((neighborhood) => (
          <option key={neighborhood.id} value={neighborhood.id}>
            {neighborhood.name} ({neighborhood.code})
          </option>
        ))}
      </select>
    </div>
  );
}
