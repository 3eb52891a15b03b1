/**
 * The "Neighborhood" filter of list screens (queue, who is responsible): every neighborhood by
 * name and code, or all of them. An empty choice is reported as null.
 */
export function NeighborhoodFilter({
  id,
  neighborhoods,
  value,
  onChange,
  specialOptions = [],
}: {
  id: string;
  neighborhoods: ReadonlyArray<{ id: string; code: string; name: string }>;
  value: string | null | undefined;
  onChange: (neighborhoodId: string | null) => void;
  /** Choices that are not one neighborhood (the queue's "My neighborhoods"), after "All". */
  specialOptions?: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Neighborhood</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value || null)}>
        <option value="">All neighborhoods</option>
        {specialOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {neighborhoods.map((neighborhood) => (
          <option key={neighborhood.id} value={neighborhood.id}>
            {neighborhood.name} ({neighborhood.code})
          </option>
        ))}
      </select>
    </div>
  );
}
