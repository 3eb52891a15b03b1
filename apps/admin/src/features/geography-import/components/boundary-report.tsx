import { useId } from 'react';
import { TableRegion } from '../../../components/table-region';
import { formatArea, formatNumber } from '../../../lib/format';
import type { BoundaryImportReport } from '../api/import-boundaries';

/** The dry-run (or applied) report: per feature, then overlaps, gaps and the requests that would move. */
export function BoundaryReport({ report }: { report: BoundaryImportReport }) {
  const id = useId();
  return (
    <div className="boundary-report">
      {report.applied ? (
        <div className="notice notice-success">
          <p>
            <span aria-hidden="true">✓ </span>Applied: {report.summary}
          </p>
        </div>
      ) : report.canApply ? (
        <div className="notice notice-success">
          <p>
            <span aria-hidden="true">✓ </span>Ready to apply. {report.summary}
          </p>
        </div>
      ) : (
        <div className="alert alert-error">
          <p className="alert-title">
            <span aria-hidden="true">✗ </span>This file cannot be applied
          </p>
          <p>{report.summary}</p>
        </div>
      )}

      <dl className="stat-list">
        <div>
          <dt>Features</dt>
          <dd>{report.featureCount}</dd>
        </div>
        <div>
          <dt>Invalid</dt>
          <dd>{report.invalidCount}</dd>
        </div>
        <div>
          <dt>New neighborhoods</dt>
          <dd>{report.newCodes.length > 0 ? report.newCodes.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>New boundary for</dt>
          <dd>{report.existingCodes.length > 0 ? report.existingCodes.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>Not in the file (unchanged)</dt>
          <dd>{report.unchangedCodes.length > 0 ? report.unchangedCodes.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>Open requests changing neighborhood</dt>
          <dd>
            {formatNumber(report.requests.moving)} of {formatNumber(report.requests.open)}
          </dd>
        </div>
      </dl>

      <section aria-labelledby={`${id}-features`}>
        <h3 id={`${id}-features`}>Features</h3>
        <TableRegion label="Features in the file">
          <table className="table">
            <caption className="visually-hidden">
              Each feature of the file: valid or not, and what applying it changes
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Code</th>
                <th scope="col">Result</th>
                <th scope="col">New or existing</th>
                <th scope="col">Area</th>
                <th scope="col">Overlaps</th>
                <th scope="col" className="numeric">
                  Requests in/out
                </th>
              </tr>
            </thead>
            <tbody>
              {report.features.map((feature) => (
                <tr key={feature.index} className={feature.valid ? undefined : 'row-invalid'}>
                  <td>{feature.index + 1}</td>
                  <th scope="row">
                    {feature.code ?? <span className="muted">no code</span>}
                    {feature.name ? <span className="status-note">{feature.name}</span> : null}
                  </th>
                  <td className="cell-wrap">
                    {feature.valid ? (
                      <span className="badge badge-success">
                        <span aria-hidden="true">✓</span> Valid
                      </span>
                    ) : (
                      <>
                        <span className="badge badge-danger">
                          <span aria-hidden="true">✗</span> Invalid
                        </span>
                        <ul className="reasons">
                          {feature.reasons.map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                        </ul>
                      </>
                    )}
                  </td>
                  <td>
                    {feature.codeStatus === 'new'
                      ? 'New'
                      : feature.codeStatus === 'existing'
                        ? 'Existing'
                        : '—'}
                  </td>
                  <td>
                    {formatArea(feature.areaSquareMeters)}
                    {feature.vertexCount !== null ? (
                      <span className="status-note">{formatNumber(feature.vertexCount)} vertices</span>
                    ) : null}
                  </td>
                  <td className="cell-wrap">
                    {feature.overlaps.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="reasons">
                        {feature.overlaps.map((overlap) => (
                          <li key={overlap.code}>
                            <span aria-hidden="true">⚠ </span>
                            {overlap.name} ({overlap.code}): {formatArea(overlap.areaSquareMeters)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="numeric">
                    {feature.requestsMovingIn} / {feature.requestsMovingOut}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section aria-labelledby={`${id}-overlaps`}>
        <h3 id={`${id}-overlaps`}>Overlaps between neighborhoods</h3>
        {report.overlaps.length === 0 ? (
          <p className="muted">None: no two boundaries overlap.</p>
        ) : (
          <ul>
            {report.overlaps.map((overlap) => (
              <li key={overlap.codes.join('-')}>
                <span aria-hidden="true">⚠ </span>
                {overlap.codes[0]} and {overlap.codes[1]} overlap by {formatArea(overlap.areaSquareMeters)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${id}-gaps`}>
        <h3 id={`${id}-gaps`}>Gaps inside the covered area</h3>
        {report.gaps.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {report.gaps.map((gap) => (
              <li key={gap.point.join(',')}>
                A gap of {formatArea(gap.areaSquareMeters)} around {gap.point[1].toFixed(5)},{' '}
                {gap.point[0].toFixed(5)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${id}-requests`}>
        <h3 id={`${id}-requests`}>Open requests that would change neighborhood</h3>
        <p>
          {formatNumber(report.requests.moving)} of {formatNumber(report.requests.open)} open requests with a
          location
          {report.applied ? ' moved' : ' would move'}.
          {report.requests.outsideAfter > 0
            ? ` ${formatNumber(report.requests.outsideAfter)} would fall outside every boundary and keep their neighborhood.`
            : ''}
        </p>
        {report.requests.moves.length > 0 ? (
          <TableRegion label="Requests changing neighborhood">
            <table className="table">
              <caption className="visually-hidden">Open requests changing neighborhood, from and to</caption>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col" className="numeric">
                    Requests
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.requests.moves.map((move) => (
                  <tr key={`${move.from ?? 'none'}-${move.to}`}>
                    <td>{move.from ?? <span className="muted">No neighborhood</span>}</td>
                    <td>{move.to}</td>
                    <td className="numeric">{formatNumber(move.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
    </div>
  );
}
