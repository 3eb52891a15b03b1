import { type ChangeEvent, useId, useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { OperationProgress } from '../../../components/operation-progress';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/status-messages';
import { formatNumber } from '../../../lib/format';
import { type BoundaryImportReport, useImportBoundaries } from '../api/import-boundaries';
import { BoundaryReport } from './boundary-report';

interface LoadedFile {
  name: string;
  collection: { type: 'FeatureCollection'; features: unknown[] };
}

async function readCollection(file: File): Promise<LoadedFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${(error as Error).message}`);
  }
  const candidate = parsed as { type?: unknown; features?: unknown };
  if (candidate?.type !== 'FeatureCollection' || !Array.isArray(candidate.features)) {
    throw new Error(`${file.name} is not a GeoJSON FeatureCollection (one feature per neighborhood).`);
  }
  return { name: file.name, collection: candidate as LoadedFile['collection'] };
}

/**
 * New or changed neighborhood boundaries from any GIS: first a dry run that says, per feature,
 * what is wrong or what would change (overlaps, gaps, requests that would move); then, when the
 * set is valid, applying it as new boundary versions.
 */
export function BoundaryImportPage() {
  const id = useId();
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<BoundaryImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const importBoundaries = useImportBoundaries();

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.currentTarget.files?.[0];
    setReport(null);
    importBoundaries.reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    try {
      setFile(await readCollection(chosen));
    } catch (error) {
      setFileError((error as Error).message);
    }
  }

  function run(dryRun: boolean) {
    if (!file || importBoundaries.isPending) return;
    setConfirming(false);
    importBoundaries.mutate({ collection: file.collection, dryRun }, { onSuccess: setReport });
  }

  return (
    <div className="page">
      <PageHeader
        title="Boundary import"
        description="Load neighborhood boundaries exported from any GIS as a GeoJSON FeatureCollection: one Polygon or MultiPolygon feature per neighborhood, with properties.code (and properties.name for a new one)."
      />
      <section className="card" aria-labelledby={`${id}-file-heading`}>
        <h2 id={`${id}-file-heading`}>1. Choose the file</h2>
        <div className={`field${fileError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-file`}>GeoJSON file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={handleFile}
            aria-describedby={fileError ? `${id}-file-error` : undefined}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError ? (
            <p className="field-error" id={`${id}-file-error`}>
              <span aria-hidden="true">⚠ </span>
              {fileError}
            </p>
          ) : null}
        </div>
        {file ? (
          <p>
            {file.name}: {formatNumber(file.collection.features.length)} feature
            {file.collection.features.length === 1 ? '' : 's'}.
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => run(true)}
            aria-disabled={!file || importBoundaries.isPending}
            disabled={!file}
          >
            Check the file (dry run)
          </button>
        </div>
      </section>

      {importBoundaries.isPending ? (
        <OperationProgress
          label={
            importBoundaries.variables?.dryRun
              ? 'Checking the boundaries: geometry, overlaps, gaps and open requests…'
              : 'Applying the boundaries and re-routing open requests…'
          }
        />
      ) : null}
      {importBoundaries.error ? (
        <ProblemAlert error={importBoundaries.error} title="The file was not processed" />
      ) : null}

      {report ? (
        <section className="card" aria-labelledby={`${id}-report-heading`}>
          <h2 id={`${id}-report-heading`}>{report.applied ? '3. Applied' : '2. Dry-run report'}</h2>
          <BoundaryReport report={report} />
          {!report.applied ? (
            <div className="form-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => setConfirming(true)}
                disabled={!report.canApply}
                aria-describedby={`${id}-apply-hint`}
              >
                Apply these boundaries
              </button>
              <p className="field-hint" id={`${id}-apply-hint`}>
                {report.canApply
                  ? 'Stores them as new boundary versions (older ones stay queryable) and moves open requests.'
                  : 'Fix the invalid features and overlaps in the file, then check it again.'}
              </p>
            </div>
          ) : null}
        </section>
      ) : null}

      <Dialog
        open={confirming}
        title="Apply the boundaries?"
        onClose={() => setConfirming(false)}
        description={
          report
            ? `${report.featureCount} boundaries will be stored as new versions and ${report.requests.moving} open requests will change neighborhood, each with a timeline entry.`
            : undefined
        }
      >
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => run(false)}>
            Apply
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </div>
  );
}
