import type { SaraArea, SaraCase, UpdateSaraCaseBody } from '@nsp/contracts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { TextAreaField, TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/status-messages';
import { useUpdateSaraCase } from '../api/sara-cases';
import { personLabel, useActivePersonnel } from '../../../lib/reference-data/personnel';
import {
  EFFECTIVENESS_LABELS,
  OUTCOME_LABELS,
  PRIORITY_LABELS,
  PROBLEM_TYPE_LABELS,
  REPEAT_LABELS,
} from '../labels';
import { fieldErrorOf, linesOf } from './use-field-errors';

/** One stage's fields as a form that saves with PATCH; read-only for those who may not work the case. */
function StageForm({
  sara,
  title,
  buildBody,
  children,
  saveLabel,
  editable,
}: {
  sara: SaraCase;
  title: string;
  buildBody: () => UpdateSaraCaseBody;
  children: (error: unknown) => ReactNode;
  saveLabel: string;
  editable: boolean;
}) {
  const id = useId();
  const update = useUpdateSaraCase(sara.id);
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ ...buildBody(), version: sara.version }, { onSuccess: () => setSaved(true) });
  };
  return (
    <section className="card sara-stage" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset disabled={!editable} className="sara-fieldset">
          <legend className="visually-hidden">{title}</legend>
          {children(update.error)}
        </fieldset>
        {update.isError ? <ProblemAlert error={update.error} title="Not saved" /> : null}
        {editable ? (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : saveLabel}
            </button>
            <p role="status" className="muted">
              {saved && !update.isPending ? 'Saved.' : ''}
            </p>
          </div>
        ) : null}
      </form>
    </section>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  empty,
}: {
  label: string;
  value: T | '' | null | undefined;
  options: Record<T, string>;
  onChange: (value: T | null) => void;
  empty: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange((event.currentTarget.value || null) as T | null)}
      >
        <option value="">{empty}</option>
        {(Object.entries(options) as Array<[T, string]>).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ScanningForm({ sara, editable }: { sara: SaraCase; editable: boolean }) {
  const [scanning, setScanning] = useState(sara.scanning);
  const circle = sara.location?.kind === 'circle' ? sara.location : null;
  const [lat, setLat] = useState(circle ? String(circle.lat) : '');
  const [lon, setLon] = useState(circle ? String(circle.lon) : '');
  const [radius, setRadius] = useState(circle ? String(circle.radiusMeters) : '');
  const [partners, setPartners] = useState(sara.partners.join(', '));
  const [leadId, setLeadId] = useState(sara.leadId ?? '');
  const [priority, setPriority] = useState(sara.priority);
  const personnel = useActivePersonnel();
  const leads = (personnel.data ?? []).filter((person) =>
    ['lieutenant', 'sergeant', 'officer', 'nro'].includes(person.kind),
  );
  const set = (patch: Partial<typeof scanning>) => setScanning((current) => ({ ...current, ...patch }));
  const location = (): SaraArea | null | undefined => {
    if (sara.location?.kind === 'polygon' && !lat && !lon) return undefined; // a drawn polygon stays
    if (!lat && !lon && !radius) return null;
    return { kind: 'circle', lat: Number(lat), lon: Number(lon), radiusMeters: Number(radius) };
  };
  return (
    <StageForm
      sara={sara}
      title="Scanning"
      saveLabel="Save scanning"
      editable={editable}
      buildBody={() => {
        const area = location();
        return {
          scanning,
          leadId: leadId || null,
          priority,
          partners: partners
            .split(',')
            .map((partner) => partner.trim())
            .filter(Boolean),
          ...(area === undefined ? {} : { location: area }),
        };
      }}
    >
      {(error) => (
        <>
          <TextAreaField
            name="scanning.problemStatement"
            label="Problem statement"
            value={scanning.problemStatement ?? ''}
            onChange={(event) => set({ problemStatement: event.currentTarget.value })}
            error={fieldErrorOf(error, 'scanning.problemStatement')}
          />
          <Select
            label="Problem type"
            value={scanning.problemType}
            options={PROBLEM_TYPE_LABELS}
            empty="Not chosen"
            onChange={(value) => set({ problemType: value })}
          />
          <TextField
            name="scanning.identifiedBy"
            label="How it was identified"
            value={scanning.identifiedBy ?? ''}
            onChange={(event) => set({ identifiedBy: event.currentTarget.value })}
          />
          <TextAreaField
            name="scanning.consequences"
            label="Consequences"
            value={scanning.consequences ?? ''}
            onChange={(event) => set({ consequences: event.currentTarget.value })}
          />
          <TextAreaField
            name="scanning.goals"
            label="Broad goals"
            value={scanning.goals ?? ''}
            onChange={(event) => set({ goals: event.currentTarget.value })}
          />
          <div className="field-pair">
            <div className="field">
              <label htmlFor={`${sara.id}-lead`}>Lead</label>
              <select
                id={`${sara.id}-lead`}
                value={leadId}
                onChange={(event) => setLeadId(event.currentTarget.value)}
              >
                <option value="">No lead yet</option>
                {leads.map((person) => (
                  <option key={person.id} value={person.id}>
                    {personLabel(person)}
                  </option>
                ))}
              </select>
            </div>
            <Select
              label="Priority"
              value={priority}
              options={PRIORITY_LABELS}
              empty="Medium"
              onChange={(value) => setPriority(value ?? 'medium')}
            />
          </div>
          <TextField
            name="partners"
            label="Partner organisations"
            hint="Separate them with commas."
            value={partners}
            onChange={(event) => setPartners(event.currentTarget.value)}
          />
          <fieldset className="field-pair">
            <legend>
              Case area
              {sara.location?.kind === 'polygon' ? ' (a drawn polygon; enter a point to replace it)' : ''}
            </legend>
            <TextField
              name="location.lat"
              label="Latitude"
              inputMode="decimal"
              value={lat}
              onChange={(event) => setLat(event.currentTarget.value)}
              error={fieldErrorOf(error, 'location.lat')}
            />
            <TextField
              name="location.lon"
              label="Longitude"
              inputMode="decimal"
              value={lon}
              onChange={(event) => setLon(event.currentTarget.value)}
              error={fieldErrorOf(error, 'location.lon')}
            />
            <TextField
              name="location.radiusMeters"
              label="Radius (m)"
              inputMode="numeric"
              value={radius}
              onChange={(event) => setRadius(event.currentTarget.value)}
              error={fieldErrorOf(error, 'location.radiusMeters')}
            />
          </fieldset>
        </>
      )}
    </StageForm>
  );
}

type Controller = 'handlers' | 'guardians' | 'managers';
const CONTROLLERS: Array<[Controller, string]> = [
  ['handlers', 'Handlers (of offenders)'],
  ['guardians', 'Guardians (of victims)'],
  ['managers', 'Managers (of places)'],
];

export function AnalysisForm({ sara, editable }: { sara: SaraCase; editable: boolean }) {
  const [analysis, setAnalysis] = useState(sara.analysis);
  const [hypotheses, setHypotheses] = useState((sara.analysis.hypotheses ?? []).join('\n'));
  const triangle = analysis.triangle ?? {};
  const controllers = analysis.controllers ?? {};
  const set = (patch: Partial<typeof analysis>) => setAnalysis((current) => ({ ...current, ...patch }));
  return (
    <StageForm
      sara={sara}
      title="Analysis"
      saveLabel="Save analysis"
      editable={editable}
      buildBody={() => ({ analysis: { ...analysis, hypotheses: linesOf(hypotheses) } })}
    >
      {(error) => (
        <>
          <fieldset>
            <legend>Problem-analysis triangle</legend>
            {(['offenders', 'victims', 'places'] as const).map((side) => (
              <TextAreaField
                key={side}
                name={`analysis.triangle.${side}`}
                label={{ offenders: 'Offenders', victims: 'Victims or targets', places: 'Places' }[side]}
                rows={2}
                value={triangle[side] ?? ''}
                onChange={(event) => set({ triangle: { ...triangle, [side]: event.currentTarget.value } })}
                error={fieldErrorOf(error, 'analysis.triangle')}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>Controllers and how well they work</legend>
            {CONTROLLERS.map(([key, label]) => (
              <div key={key} className="field-pair">
                <TextField
                  name={`analysis.controllers.${key}.description`}
                  label={label}
                  value={controllers[key]?.description ?? ''}
                  onChange={(event) =>
                    set({
                      controllers: {
                        ...controllers,
                        [key]: { ...controllers[key], description: event.currentTarget.value },
                      },
                    })
                  }
                />
                <Select
                  label={`How well the ${key} work`}
                  value={controllers[key]?.effectiveness}
                  options={EFFECTIVENESS_LABELS}
                  empty="Not assessed"
                  onChange={(value) =>
                    set({
                      controllers: {
                        ...controllers,
                        [key]: { ...controllers[key], effectiveness: value ?? 'unknown' },
                      },
                    })
                  }
                />
              </div>
            ))}
          </fieldset>
          <Select
            label="Repeat pattern"
            value={analysis.repeatPattern}
            options={REPEAT_LABELS}
            empty="Not known"
            onChange={(value) => set({ repeatPattern: value })}
          />
          <TextField
            name="analysis.dataSources"
            label="Data sources"
            value={analysis.dataSources ?? ''}
            onChange={(event) => set({ dataSources: event.currentTarget.value })}
          />
          <TextAreaField
            name="analysis.hypotheses"
            label="Hypotheses"
            hint="One per line."
            value={hypotheses}
            onChange={(event) => setHypotheses(event.currentTarget.value)}
            error={fieldErrorOf(error, 'analysis.hypotheses')}
          />
          <TextAreaField
            name="analysis.currentResponse"
            label="Current response"
            rows={2}
            value={analysis.currentResponse ?? ''}
            onChange={(event) => set({ currentResponse: event.currentTarget.value })}
          />
        </>
      )}
    </StageForm>
  );
}

export function ResponsePlanForm({ sara, editable }: { sara: SaraCase; editable: boolean }) {
  const [options, setOptions] = useState(sara.response.optionsConsidered ?? '');
  const [objectives, setObjectives] = useState((sara.response.objectives ?? []).join('\n'));
  return (
    <StageForm
      sara={sara}
      title="Response plan"
      saveLabel="Save response plan"
      editable={editable}
      buildBody={() => ({ response: { optionsConsidered: options, objectives: linesOf(objectives) } })}
    >
      {() => (
        <>
          <TextAreaField
            name="response.optionsConsidered"
            label="Options considered"
            value={options}
            onChange={(event) => setOptions(event.currentTarget.value)}
          />
          <TextAreaField
            name="response.objectives"
            label="Measurable objectives"
            hint="One per line, e.g. “Halve noise requests within 3 months”."
            value={objectives}
            onChange={(event) => setObjectives(event.currentTarget.value)}
          />
        </>
      )}
    </StageForm>
  );
}

export function AssessmentForm({ sara, editable }: { sara: SaraCase; editable: boolean }) {
  const [assessment, setAssessment] = useState(sara.assessment);
  const set = (patch: Partial<typeof assessment>) => setAssessment((current) => ({ ...current, ...patch }));
  return (
    <StageForm
      sara={sara}
      title="Assessment"
      saveLabel="Save assessment"
      editable={editable}
      buildBody={() => ({ assessment })}
    >
      {(error) => (
        <>
          <Select
            label="Was the response carried out?"
            value={assessment.processImplemented}
            options={{ fully: 'Fully', partly: 'Partly', not: 'Not at all' }}
            empty="Not assessed"
            onChange={(value) => set({ processImplemented: value })}
          />
          <TextAreaField
            name="assessment.processEvaluation"
            label="Process evaluation"
            hint="Was it done as planned, and was it enough?"
            value={assessment.processEvaluation ?? ''}
            onChange={(event) => set({ processEvaluation: event.currentTarget.value })}
          />
          <div className={fieldErrorOf(error, 'assessment.outcome') ? 'field-invalid' : undefined}>
            <Select
              label="Outcome"
              value={assessment.outcome}
              options={OUTCOME_LABELS}
              empty="Not decided"
              onChange={(value) => set({ outcome: value })}
            />
          </div>
          <TextAreaField
            name="assessment.nextSteps"
            label="Next steps"
            rows={2}
            value={assessment.nextSteps ?? ''}
            onChange={(event) => set({ nextSteps: event.currentTarget.value })}
          />
          <TextAreaField
            name="assessment.publicSummary"
            label="Public summary"
            hint="Once the case is closed this is the only part of it the public may see. No names or addresses of residents."
            value={assessment.publicSummary ?? ''}
            onChange={(event) => set({ publicSummary: event.currentTarget.value })}
          />
        </>
      )}
    </StageForm>
  );
}
