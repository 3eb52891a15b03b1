import { type FormEvent, useId, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/status-messages';
import { TextField } from '../../../components/form-fields';
import { isApiProblem } from '../../../lib/api-problem';
import { useMyAssignments } from '../../../lib/reference-data/my-assignments';
import { useNeighborhoodList } from '../../../lib/reference-data/neighborhoods';
import { personLabel, useActivePersonnel } from '../../../lib/reference-data/personnel';
import { useCreateSaraCase, useSaraCandidates } from '../api/sara-cases';
import { CANDIDATE_KIND_LABELS, PRIORITY_LABELS } from '../labels';

/**
 * Opens a case: from scratch, from requests selected in the queue (`?requestIds=a,b`), or from a
 * candidate problem (`?candidate=key`), whose requests, area and period become the evidence.
 */
export function NewCaseForm() {
  const id = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const candidateKey = params.get('candidate');
  const requestIds = (params.get('requestIds') ?? '').split(',').filter(Boolean);
  const candidates = useSaraCandidates({});
  const candidate = useMemo(
    () => candidates.data?.items.find((item) => item.key === candidateKey) ?? null,
    [candidates.data, candidateKey],
  );
  const neighborhoods = useNeighborhoodList();
  const personnel = useActivePersonnel();
  const mine = useMyAssignments();
  const create = useCreateSaraCase();
  const myNeighborhood = mine.data?.assignments.find(
    (held) => held.role === 'coordination_lieutenant',
  )?.neighborhoodId;
  const [title, setTitle] = useState('');
  const [neighborhoodId, setNeighborhoodId] = useState('');
  const [leadId, setLeadId] = useState('');
  const [priority, setPriority] = useState<'low' | 'medium' | 'high'>('medium');
  const chosenNeighborhood = neighborhoodId || candidate?.neighborhoodId || myNeighborhood || '';
  const chosenLead = leadId || (mine.data?.personnel?.id ?? '');
  const chosenTitle = title || (candidate ? candidate.title : '');
  const fieldError = (path: string) =>
    isApiProblem(create.error)
      ? create.error.errors.find((error) => error.path === path)?.message
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        title: chosenTitle,
        neighborhoodId: chosenNeighborhood,
        leadId: chosenLead || null,
        priority,
        ...(candidate ? { candidateKey: candidate.key } : {}),
        ...(requestIds.length > 0 ? { requestIds } : {}),
      },
      { onSuccess: (created) => navigate(`/sara-cases/${created.id}`) },
    );
  };
  const leads = (personnel.data ?? []).filter((person) =>
    ['lieutenant', 'sergeant', 'officer', 'nro'].includes(person.kind),
  );
  return (
    <div className="page">
      <PageHeader
        title="New SARA case"
        description="A case starts in scanning; fill in the problem statement next."
      />
      <form className="card form" onSubmit={submit} noValidate>
        {candidate ? (
          <p className="notice notice-info">
            From the candidate problem “{candidate.title}” ({CANDIDATE_KIND_LABELS[candidate.kind]}): its{' '}
            {candidate.requestCount} requests become the evidence and its area the case area.
          </p>
        ) : null}
        {requestIds.length > 0 ? (
          <p className="notice notice-info">
            {requestIds.length} request{requestIds.length === 1 ? '' : 's'} from the queue will be linked as
            evidence.
          </p>
        ) : null}
        {create.isError ? <ProblemAlert error={create.error} title="The case could not be opened" /> : null}
        <TextField
          name="title"
          label="Title"
          value={chosenTitle}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={fieldError('title')}
          required
          maxLength={200}
        />
        <div className="field">
          <label htmlFor={`${id}-neighborhood`}>Neighborhood</label>
          <select
            id={`${id}-neighborhood`}
            value={chosenNeighborhood}
            onChange={(event) => setNeighborhoodId(event.currentTarget.value)}
            required
          >
            <option value="">Choose a neighborhood</option>
            {(neighborhoods.data ?? []).map((neighborhood) => (
              <option key={neighborhood.id} value={neighborhood.id}>
                {neighborhood.name} ({neighborhood.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lead`}>Lead</label>
          <select
            id={`${id}-lead`}
            value={chosenLead}
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
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select
            id={`${id}-priority`}
            value={priority}
            onChange={(event) => setPriority(event.currentTarget.value as 'low' | 'medium' | 'high')}
          >
            {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Opening…' : 'Open case'}
          </button>
        </div>
      </form>
    </div>
  );
}
