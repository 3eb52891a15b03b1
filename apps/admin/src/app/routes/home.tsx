import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { LoadingState, ProblemAlert } from '../../components/status-messages';
import { useNeighborhoods } from '../../features/neighborhoods/api/get-neighborhoods';
import { CoverageGapsCard } from '../../features/assignments/components/coverage-gaps-card';
import { NeighborhoodsTable } from '../../features/neighborhoods/components/neighborhoods-table';
import { MyWork } from '../../features/service-requests/components/home/my-work';
import {
  ClerkWork,
  LieutenantWork,
  SupervisorBreaches,
} from '../../features/service-requests/components/home/role-work';
import { can } from '../../lib/auth/permissions';
import { useCurrentUser } from '../../lib/auth/use-session';
import { NAV_SECTIONS } from '../layout/navigation';

const AREA_DESCRIPTIONS: Record<string, string> = {
  '/service-requests': 'Take, triage and follow requests for service from the public.',
  '/sara-cases': 'Work neighborhood problems through Scanning, Analysis, Response and Assessment.',
  '/meetings': 'Community meetings, agendas, minutes and action items.',
  '/neighborhoods': 'Boundaries and the coordination lieutenant responsible for each neighborhood.',
  '/assignments': 'Who held which role in each neighborhood at any moment, and coverage gaps.',
  '/personnel': 'Sworn and civilian members, their assignments and open work.',
  '/dashboards': 'Response times, SLA compliance and scorecards per neighborhood.',
  '/users': 'Staff accounts and roles.',
  '/api-clients': 'Keys for the systems that integrate with NSP.',
  '/boundary-import': 'Load neighborhood boundaries from a GIS file, with a dry run first.',
  '/address-import': 'Load the town’s address points for geocoding.',
};

/**
 * Each role's start of the day first (the work finds its owner), then the areas and who is
 * responsible. A person with several roles gets each role's part.
 */
export function HomeRoute() {
  const user = useCurrentUser();
  const neighborhoodsQuery = useNeighborhoods();
  const areas = NAV_SECTIONS.flatMap((section) => section.items).filter(
    (item) => item.to !== '/' && (!item.permission || can(user, item.permission)),
  );
  const has = (role: (typeof user.roles)[number]) => user.roles.includes(role);

  return (
    <div className="page page-wide">
      <PageHeader title="Overview" description={`Signed in as ${user.name}.`} />
      {/* The officer's own assignments first: in the field this is the page's whole point. */}
      {has('staff') || has('lieutenant') ? <MyWork /> : null}
      {has('lieutenant') ? <LieutenantWork /> : null}
      {has('staff') ? <ClerkWork /> : null}
      {has('supervisor') ? (
        <>
          <SupervisorBreaches />
          <CoverageGapsCard canReassign={can(user, 'assignments.change')} />
        </>
      ) : null}
      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">Your areas</h2>
        <ul className="card-grid">
          {areas.map((area) => (
            <li key={area.to} className="card card-link">
              <Link to={area.to}>{area.label}</Link>
              <p className="muted">{AREA_DESCRIPTIONS[area.to]}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="lieutenants-heading">
        <h2 id="lieutenants-heading">Who is responsible</h2>
        {neighborhoodsQuery.isPending ? (
          <LoadingState label="Loading neighborhoods…" />
        ) : neighborhoodsQuery.isError ? (
          <ProblemAlert
            error={neighborhoodsQuery.error}
            title="Could not load neighborhoods"
            onRetry={() => neighborhoodsQuery.refetch()}
          />
        ) : (
          <NeighborhoodsTable neighborhoods={neighborhoodsQuery.data} />
        )}
      </section>
    </div>
  );
}
