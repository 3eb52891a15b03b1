import type { SaraCase, SaraMeasure } from '@nsp/contracts';
import { type FormEvent, useId, useState } from 'react';
import { TextField } from '../../../components/form-fields';
import { EmptyState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { useCan } from '../../../lib/auth/use-session';
import { formatNumber } from '../../../lib/format';
import { useNeighborhoodList } from '../../../lib/reference-data/neighborhoods';
import { useServiceTypes } from '../../../lib/reference-data/service-types';
import { useAddSaraMeasure } from '../api/sara-cases';
import { dateToIso, fieldErrorOf } from './use-field-errors';

const percent = (value: number | null) =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${Math.round(value * 1000) / 10} %`;
const day = (iso: string) => iso.slice(0, 10);

/** Before/after bars per measure, values written beside each bar; the table below has the same numbers. */
function MeasureChart({ measures }: { measures: SaraMeasure[] }) {
  const titleId = useId();
  const width = 520;
  const labelWidth = 170;
  const rowHeight = 44;
  const max = Math.max(1, ...measures.flatMap((m) => [m.baselineValue, m.followUpValue]));
  const bar = (value: number) => Math.max(1, (Math.max(0, value) / max) * (width - labelWidth - 60));
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${measures.length * rowHeight + 8}`}
        role="img"
        aria-labelledby={titleId}
        className="chart-svg"
      >
        <title id={titleId}>
          Measures before and after the response. The figures are in the table below.
        </title>
        {measures.map((measure, index) => {
          const top = 4 + index * rowHeight;
          return (
            <g key={measure.id}>
              <text x={labelWidth - 8} y={top + 18} textAnchor="end" className="chart-label">
                {measure.metric.length > 24 ? `${measure.metric.slice(0, 23)}…` : measure.metric}
              </text>
              <rect
                x={labelWidth}
                y={top + 2}
                height={16}
                width={bar(measure.baselineValue)}
                className="sara-bar-before"
              />
              <text x={labelWidth + bar(measure.baselineValue) + 4} y={top + 14} className="chart-label">
                before {formatNumber(measure.baselineValue)}
              </text>
              <rect
                x={labelWidth}
                y={top + 20}
                height={16}
                width={bar(measure.followUpValue)}
                className="sara-bar-after"
              />
              <text x={labelWidth + bar(measure.followUpValue) + 4} y={top + 32} className="chart-label">
                after {formatNumber(measure.followUpValue)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function MeasuresSection({ sara }: { sara: SaraCase }) {
  const id = useId();
  const canMeasure = useCan('sara.measure') && sara.stage !== 'closed';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Measures</h2>
      {sara.measures.length === 0 ? (
        <EmptyState>No measures yet.</EmptyState>
      ) : (
        <>
          <MeasureChart measures={sara.measures} />
          <TableRegion label="Measures">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col">Baseline</th>
                  <th scope="col">Follow-up</th>
                  <th scope="col">Change</th>
                  <th scope="col">Buffer</th>
                  <th scope="col">Control</th>
                  <th scope="col">WDQ</th>
                </tr>
              </thead>
              <tbody>
                {sara.measures.map((measure) => (
                  <tr key={measure.id}>
                    <th scope="row">
                      {measure.metric}
                      {measure.interpretation ? (
                        <span className="muted"> — {measure.interpretation}</span>
                      ) : null}
                    </th>
                    <td className="numeric">
                      {formatNumber(measure.baselineValue)}{' '}
                      <span className="muted">
                        ({day(measure.baselinePeriod.from)} to {day(measure.baselinePeriod.to)})
                      </span>
                    </td>
                    <td className="numeric">
                      {formatNumber(measure.followUpValue)}{' '}
                      <span className="muted">
                        ({day(measure.followUpPeriod.from)} to {day(measure.followUpPeriod.to)})
                      </span>
                    </td>
                    <td className="numeric">{percent(measure.change)}</td>
                    <td className="numeric">
                      {measure.areas?.buffer
                        ? `${measure.areas.buffer.baseline} → ${measure.areas.buffer.followUp} (${percent(measure.areas.buffer.change)})`
                        : '—'}
                    </td>
                    <td className="numeric">
                      {measure.areas?.control
                        ? `${measure.areas.control.baseline} → ${measure.areas.control.followUp} (${percent(measure.areas.control.change)})`
                        : '—'}
                    </td>
                    <td className="numeric">
                      {measure.weightedDisplacementQuotient === null
                        ? '—'
                        : measure.weightedDisplacementQuotient.toFixed(2)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      {canMeasure ? <AddMeasureForm sara={sara} /> : null}
    </section>
  );
}

function AddMeasureForm({ sara }: { sara: SaraCase }) {
  const id = useId();
  const add = useAddSaraMeasure(sara.id);
  const serviceTypes = useServiceTypes();
  const neighborhoods = useNeighborhoodList();
  const [kind, setKind] = useState<'manual' | 'computed'>(sara.location ? 'computed' : 'manual');
  const [metric, setMetric] = useState('');
  const [baselineValue, setBaselineValue] = useState('');
  const [followUpValue, setFollowUpValue] = useState('');
  const [baselineFrom, setBaselineFrom] = useState('');
  const [baselineTo, setBaselineTo] = useState('');
  const [followUpFrom, setFollowUpFrom] = useState('');
  const [followUpTo, setFollowUpTo] = useState('');
  const [serviceCode, setServiceCode] = useState('');
  const [bufferMeters, setBufferMeters] = useState('');
  const [controlId, setControlId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const periods = {
      baselinePeriod: {
        from: baselineFrom && dateToIso(baselineFrom),
        to: baselineTo && dateToIso(baselineTo),
      },
      followUpPeriod: {
        from: followUpFrom && dateToIso(followUpFrom),
        to: followUpTo && dateToIso(followUpTo),
      },
    };
    add.mutate(
      kind === 'manual'
        ? {
            kind,
            metric,
            baselineValue: Number(baselineValue),
            followUpValue: Number(followUpValue),
            ...periods,
          }
        : {
            kind,
            ...(metric ? { metric } : {}),
            serviceCodes: serviceCode ? [serviceCode] : [],
            ...periods,
            bufferMeters: bufferMeters ? Number(bufferMeters) : null,
            control: controlId ? { neighborhoodId: controlId } : null,
          },
    );
  };
  const error = (path: string) => fieldErrorOf(add.error, path);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add a measure</h3>
      <fieldset>
        <legend>Kind of measure</legend>
        <div className="checkbox">
          <input
            type="radio"
            id={`${id}-computed`}
            name={`${id}-kind`}
            checked={kind === 'computed'}
            onChange={() => setKind('computed')}
          />
          <label htmlFor={`${id}-computed`}>Count NSP requests in the case area</label>
        </div>
        <div className="checkbox">
          <input
            type="radio"
            id={`${id}-manual`}
            name={`${id}-kind`}
            checked={kind === 'manual'}
            onChange={() => setKind('manual')}
          />
          <label htmlFor={`${id}-manual`}>Enter the numbers</label>
        </div>
      </fieldset>
      <TextField
        name="metric"
        label="Metric"
        hint={kind === 'computed' ? 'Optional: named after the category otherwise.' : undefined}
        value={metric}
        onChange={(event) => setMetric(event.currentTarget.value)}
        error={error('metric')}
      />
      {kind === 'computed' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-category`}>Category counted</label>
            <select
              id={`${id}-category`}
              value={serviceCode}
              onChange={(event) => setServiceCode(event.currentTarget.value)}
            >
              <option value="">Choose a category</option>
              {(serviceTypes.data ?? []).map((type) => (
                <option key={type.code} value={type.code}>
                  {type.name.en ?? type.code}
                </option>
              ))}
            </select>
            {error('serviceCodes') ? (
              <p className="field-error">Category counted: {error('serviceCodes')}</p>
            ) : null}
          </div>
          <TextField
            name="bufferMeters"
            label="Buffer ring (m, optional)"
            inputMode="numeric"
            value={bufferMeters}
            onChange={(event) => setBufferMeters(event.currentTarget.value)}
            error={error('bufferMeters')}
          />
          <div className="field">
            <label htmlFor={`${id}-control`}>Control area (optional)</label>
            <select
              id={`${id}-control`}
              value={controlId}
              onChange={(event) => setControlId(event.currentTarget.value)}
            >
              <option value="">No control area</option>
              {(neighborhoods.data ?? []).map((neighborhood) => (
                <option key={neighborhood.id} value={neighborhood.id}>
                  {neighborhood.name} ({neighborhood.code})
                </option>
              ))}
            </select>
          </div>
        </>
      ) : (
        <div className="field-pair">
          <TextField
            name="baselineValue"
            label="Baseline value"
            inputMode="decimal"
            value={baselineValue}
            onChange={(event) => setBaselineValue(event.currentTarget.value)}
            error={error('baselineValue')}
          />
          <TextField
            name="followUpValue"
            label="Follow-up value"
            inputMode="decimal"
            value={followUpValue}
            onChange={(event) => setFollowUpValue(event.currentTarget.value)}
            error={error('followUpValue')}
          />
        </div>
      )}
      <div className="field-pair">
        <TextField
          name="baselinePeriod.from"
          label="Baseline from"
          type="date"
          value={baselineFrom}
          onChange={(event) => setBaselineFrom(event.currentTarget.value)}
          error={error('baselinePeriod.from')}
        />
        <TextField
          name="baselinePeriod.to"
          label="Baseline to"
          type="date"
          value={baselineTo}
          onChange={(event) => setBaselineTo(event.currentTarget.value)}
          error={error('baselinePeriod.to')}
        />
      </div>
      <div className="field-pair">
        <TextField
          name="followUpPeriod.from"
          label="Follow-up from"
          type="date"
          value={followUpFrom}
          onChange={(event) => setFollowUpFrom(event.currentTarget.value)}
          error={error('followUpPeriod.from')}
        />
        <TextField
          name="followUpPeriod.to"
          label="Follow-up to"
          type="date"
          value={followUpTo}
          onChange={(event) => setFollowUpTo(event.currentTarget.value)}
          error={error('followUpPeriod.to')}
        />
      </div>
      {add.isError ? <ProblemAlert error={add.error} title="The measure was not added" /> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={add.isPending}>
          Add measure
        </button>
      </div>
    </form>
  );
}
