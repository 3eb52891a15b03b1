import { type ChangeEvent, useId, useState } from 'react';
import { TextField } from '../../../components/form-fields';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { formatNumber } from '../../../lib/format';
import { type Place, type PlacesFile, useDeletePlace, useImportPlaces, usePlaces } from '../api/places';
import { placesFileOf } from '../utils/name-lists';

function ImportPlaces() {
  const id = useId();
  const [file, setFile] = useState<{ name: string; content: PlacesFile } | null>(null);
  const importPlaces = useImportPlaces();

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.currentTarget.files?.[0];
    importPlaces.reset();
    setFile(chosen ? { name: chosen.name, content: placesFileOf(chosen.name, await chosen.text()) } : null);
  }

  const result = importPlaces.data;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Import places</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>Places file (CSV or GeoJSON)</label>
        <p className="field-hint" id={`${id}-hint`}>
          CSV: the header name,lat,lon and, if you have them, aliases (separated by “;”), kind and address.
          GeoJSON: Points with properties.name, aliases, kind, address. A place with the same name is updated.
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
          onChange={handleFile}
          aria-describedby={`${id}-hint`}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!file}
          aria-disabled={importPlaces.isPending}
          onClick={() => {
            if (file && !importPlaces.isPending) importPlaces.mutate(file.content);
          }}
        >
          {importPlaces.isPending ? 'Importing…' : 'Import places'}
        </button>
      </div>
      {importPlaces.error ? <ProblemAlert error={importPlaces.error} title="The import failed" /> : null}
      {result ? (
        <>
          <p role="status">
            Imported {formatNumber(result.inserted + result.updated)} of {formatNumber(result.total)} rows (
            {formatNumber(result.inserted)} added, {formatNumber(result.updated)} updated);{' '}
            {formatNumber(result.rejected.length)} rejected.
          </p>
          {result.rejected.length > 0 ? (
            <TableRegion label="Rejected places">
              <table className="table">
                <caption className="visually-hidden">Rows that were not imported, with the reason</caption>
                <thead>
                  <tr>
                    <th scope="col" className="numeric">
                      {file?.content.contentType === 'text/csv' ? 'Line' : 'Feature'}
                    </th>
                    <th scope="col">Name</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rejected.map((row) => (
                    <tr key={`${row.row}-${row.reason}`}>
                      <td className="numeric">{row.row}</td>
                      <td>{row.name ?? <span className="muted">none</span>}</td>
                      <td>{row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PlaceRow({ place }: { place: Place }) {
  const remove = useDeletePlace();
  return (
    <tr>
      <th scope="row">{place.name}</th>
      <td>{place.aliases.length > 0 ? place.aliases.join(', ') : <span className="muted">none</span>}</td>
      <td>{place.kind}</td>
      <td>{place.address ?? <span className="muted">none</span>}</td>
      <td className="numeric">
        {place.lat.toFixed(5)}, {place.lon.toFixed(5)}
      </td>
      <td>
        <button
          type="button"
          className="button button-small"
          aria-disabled={remove.isPending}
          onClick={() => {
            if (!remove.isPending && window.confirm(`Remove ${place.name} from the places?`))
              remove.mutate(place.id);
          }}
        >
          Remove<span className="visually-hidden"> {place.name}</span>
        </button>
        {remove.error ? <ProblemAlert error={remove.error} title={`${place.name} was not removed`} /> : null}
      </td>
    </tr>
  );
}

/**
 * The gazetteer: named places (Town Hall, schools, parks) that staff and residents may type instead
 * of an address. Imported like address points; listed with a search; removable one by one.
 */
export function PlacesPage() {
  const [search, setSearch] = useState('');
  const places = usePlaces(search);
  return (
    <div className="page">
      <PageHeader
        title="Places"
        description="Named places that geocode by name or alias (“Town Hall”, “EHHS”), with quality “place”."
      />
      <ImportPlaces />
      <section className="card" aria-labelledby="places-list-heading">
        <h2 id="places-list-heading">Places</h2>
        <TextField
          name="q"
          label="Search by name or alias"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        {places.isPending ? (
          <LoadingState label="Loading places…" />
        ) : places.error ? (
          <ProblemAlert
            error={places.error}
            title="The places could not be loaded"
            onRetry={() => places.refetch()}
          />
        ) : places.data.items.length === 0 ? (
          <EmptyState>
            {search ? 'No place matches the search.' : 'No places yet: import a file above.'}
          </EmptyState>
        ) : (
          <TableRegion label="Places">
            <table className="table">
              <caption className="visually-hidden">Places, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Aliases</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Address</th>
                  <th scope="col" className="numeric">
                    Lat, lon
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {places.data.items.map((place) => (
                  <PlaceRow key={place.id} place={place} />
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
