import { ComingSoon } from '../../components/coming-soon';

// Areas still to be built; each gets its own feature folder and route module when it lands.

export function ServiceRequestsRoute() {
  return (
    <ComingSoon
      title="Service requests"
      description="The queue of requests for service, with SLA due times, triage and public updates."
    />
  );
}

export function SaraCasesRoute() {
  return (
    <ComingSoon
      title="SARA cases"
      description="Problems worked through Scanning, Analysis, Response and Assessment."
    />
  );
}

export function MeetingsRoute() {
  return <ComingSoon title="Meetings" description="Community meetings, agendas, minutes and action items." />;
}

export function DashboardsRoute() {
  return (
    <ComingSoon
      title="Dashboards"
      description="Response times, SLA compliance and scorecards per neighborhood and category."
    />
  );
}

export function ReassignLieutenantRoute() {
  return (
    <ComingSoon
      title="Reassign lieutenant"
      description="End the current coordination lieutenant’s assignment and start the next one, effective-dated, with a reason."
    />
  );
}
