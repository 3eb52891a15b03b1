import { type ChangeEvent, useId, useState } from 'react';
import { OperationProgress } from '../../../components/operation-progress';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { downloadText, toCsv } from '../../../lib/csv';
import { formatNumber } from '../../../lib/format';
import { type AddressPointsImportResult, useImportAddressPoints } from '../api/import-address-points';
import { type AddressFilePart, AddressFileError, splitAddressFile } from '../utils/address-file';

const SHOWN_REJECTIONS = 200;

type RejectedRow = AddressPointsImportResult['rejected'][number];

function rejectedRowsCsv(result: AddressPointsImportResult): string {
  return toCsv<RejectedRow>(
    [
      { header: 'row', value: (row) => row.row },
      { header: 'address', value: (row) => row.address },
      { header: 'reason', value: (row) => row.reason },
    ],
    result.rejected,
  );
}

/**
 * The department's address points (E911 / GIS address file) as GeoJSON points with
 * properties.address or as CSV with the header address,lat,lon. Sent in parts so progress is real;
 * bad rows are listed with their reason and never stop the good ones.
 */
export function AddressImportPage() {
  const id = useId();
  const [parts, setParts] = useState<{ name: string; parts: AddressFilePart[] } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const importPoints = useImportAddressPoints();
  const rows = parts?.parts.reduce((sum, part) => sum + part.rows, 0) ?? 0;

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    importPoints.reset();
    setParts(null);
    setFileError(null);
    if (!file) return;
    try {
      setParts({ name: file.name, parts: splitAddressFile(file.name, await file.text()) });
    } catch (error) {
      setFileError(error instanceof AddressFileError ? error.message : `${file.name} could not be read.`);
    }
  }

  const result = importPoints.data;
  const progress = importPoints.progress;

  return (
    <div className="page">
      <PageHeader
        title="Address points import"
        description="Load the town’s address points so typed addresses geocode exactly. Existing addresses are updated; new ones added."
      />
      <section className="card" aria-labelledby={`${id}-file-heading`}>
        <h2 id={`${id}-file-heading`}>Choose the file</h2>
        <div className={`field${fileError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-file`}>Address file (GeoJSON or CSV)</label>
          <p className="field-hint" id={`${id}-file-hint`}>
            GeoJSON: a FeatureCollection of Points with properties.address, e.g. “12 Burnside Ave Apt 3”. CSV:
            the header address,lat,lon.
          </p>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
            onChange={handleFile}
            aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError ? (
            <p className="field-error" id={`${id}-file-error`}>
              <span aria-hidden="true">⚠ </span>
              {fileError}
            </p>
          ) : null}
        </div>
        {parts ? (
          <p>
            {parts.name}: {formatNumber(rows)} row{rows === 1 ? '' : 's'}
            {parts.parts.length > 1 ? `, sent in ${parts.parts.length} parts` : ''}.
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!parts || rows === 0}
            aria-disabled={importPoints.isPending}
            onClick={() => {
              if (parts && !importPoints.isPending) importPoints.mutate(parts.parts);
            }}
          >
            Import address points
          </button>
        </div>
      </section>

      {importPoints.isPending && progress ? (
        <OperationProgress
          label={`Importing: ${formatNumber(progress.rowsDone)} of ${formatNumber(progress.rowsTotal)} rows`}
          value={progress.rowsDone}
          max={progress.rowsTotal}
        />
      ) : null}
      {importPoints.error ? (
        <ProblemAlert error={importPoints.error} title="The import stopped">
          {progress && progress.partsDone > 0 ? (
            <p>
              The first {formatNumber(progress.rowsDone)} rows were imported; the rest were not. Import the
              file again to finish (imported rows are updated, not duplicated).
            </p>
          ) : null}
        </ProblemAlert>
      ) : null}

      {result ? (
        <section className="card" aria-labelledby={`${id}-result-heading`}>
          <h2 id={`${id}-result-heading`}>Result</h2>
          <p role="status">
            Imported {formatNumber(result.inserted + result.updated)} of {formatNumber(result.total)} rows;{' '}
            {formatNumber(result.rejected.length)} rejected.
          </p>
          <dl className="stat-list">
            <div>
              <dt>Rows read</dt>
              <dd>{formatNumber(result.total)}</dd>
            </div>
            <div>
              <dt>Added</dt>
              <dd>{formatNumber(result.inserted)}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{formatNumber(result.updated)}</dd>
            </div>
            <div>
              <dt>Rejected</dt>
              <dd>{formatNumber(result.rejected.length)}</dd>
            </div>
          </dl>
          {result.rejected.length > 0 ? (
            <>
              <h3>Rejected rows</h3>
              <p>
                {result.rejected.length > SHOWN_REJECTIONS
                  ? `The first ${SHOWN_REJECTIONS} of ${formatNumber(result.rejected.length)} are shown. `
                  : ''}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => downloadText('rejected-address-points.csv', rejectedRowsCsv(result))}
                >
                  Download all rejected rows (CSV)
                </button>
              </p>
              <TableRegion label="Rejected rows">
                <table className="table">
                  <caption className="visually-hidden">Rows that were not imported, with the reason</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="numeric">
                        {parts?.parts[0]?.contentType === 'text/csv' ? 'Line' : 'Feature'}
                      </th>
                      <th scope="col">Address</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.rejected.slice(0, SHOWN_REJECTIONS).map((row) => (
                      <tr key={`${row.row}-${row.reason}`}>
                        <td className="numeric">{row.row}</td>
                        <td>{row.address ?? <span className="muted">none</span>}</td>
                        <td>{row.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
