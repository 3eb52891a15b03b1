import { type ReactNode, useId } from 'react';
import { useMyAssignments } from '../../../../lib/reference-data/my-assignments';
import { useNeighborhoodList } from '../../../../lib/reference-data/neighborhoods';
import { MyMeetings } from '../../../meetings';
import { WorkCount, WorkList } from './work-list';

/** Today in the browser's calendar, as the queue's "Due by" takes it. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A clerk's start: what came in and nobody has triaged or routed yet. */
export function ClerkWork() {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="role-work">
      <h2 id={`${id}-heading`}>New and untriaged</h2>
      <div className="work-counts">
        <WorkCount label="new, untriaged" query="status=new&sort=createdAt" />
        <WorkCount label="open without an assignee" query="assigneeId=none" tone="warning" />
        <WorkCount label="overdue" query="overdue=true" tone="danger" />
      </div>
      <WorkList
        title="Waiting longest for triage"
        query="status=new&sort=createdAt"
        empty="Nothing waits for triage."
        moreLabel="All new requests"
      />
    </section>
  );
}

/** A lieutenant's start: their neighborhood's open, overdue and due-today work. */
/** `children`: the lieutenant's other work the home page composes in (their SARA cases, #10). */
export function LieutenantWork({ children }: { children?: ReactNode } = {}) {
  const id = useId();
  const mine = useMyAssignments();
  const led = (mine.data?.assignments ?? []).filter((held) => held.role === 'coordination_lieutenant');
  const places = led.length > 0 ? led : (mine.data?.assignments ?? []);
  const names = [...new Set(places.map((place) => place.name))].join(', ');
  return (
    <section aria-labelledby={`${id}-heading`} className="role-work">
      <h2 id={`${id}-heading`}>My neighborhood{places.length > 1 ? 's' : ''}</h2>
      {mine.isSuccess && places.length === 0 ? (
        <p className="notice notice-info">
          {mine.data.personnel
            ? `${mine.data.personnel.name} holds no neighborhood assignment now.`
            : 'Your login is not linked to a personnel record, so NSP cannot tell which neighborhood is yours.'}
        </p>
      ) : (
        <p className="muted">{names}</p>
      )}
      <div className="work-counts">
        <WorkCount label="overdue" query="neighborhoodId=mine&overdue=true" tone="danger" />
        <WorkCount
          label="due today"
          query={`neighborhoodId=mine&overdue=false&dueBy=${today()}`}
          tone="warning"
        />
        <WorkCount label="open" query="neighborhoodId=mine" />
        <WorkCount label="assigned to me" query="assigneeId=me" />
      </div>
      <WorkList
        title="Overdue in my neighborhood"
        query="neighborhoodId=mine&overdue=true"
        empty="Nothing is overdue."
        moreLabel="All overdue requests in my neighborhood"
      />
      {children}
      <MyMeetings />
    </section>
  );
}

/** A supervisor's start: SLA breaches by neighborhood (coverage gaps come from assignments). */
export function SupervisorBreaches() {
  const id = useId();
  const neighborhoods = useNeighborhoodList();
  return (
    <section aria-labelledby={`${id}-heading`} className="role-work">
      <h2 id={`${id}-heading`}>SLA breaches now</h2>
      <div className="work-counts">
        <WorkCount label="overdue in all neighborhoods" query="overdue=true" tone="danger" />
        {(neighborhoods.data ?? [])
          .filter((neighborhood) => neighborhood.status === 'active')
          .map((neighborhood) => (
            <WorkCount
              key={neighborhood.id}
              label={`overdue in ${neighborhood.name}`}
              query={`overdue=true&neighborhoodId=${neighborhood.id}`}
              tone="danger"
            />
          ))}
      </div>
    </section>
  );
}
