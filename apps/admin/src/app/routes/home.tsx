import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, startTransition, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { LoadingState, ProblemAlert } from '../../components/status-messages';
import { useNeighborhoods } from '../../features/neighborhoods/api/get-neighborhoods';
import { CoverageGapsCard } from '../../features/assignments/components/coverage-gaps-card';
import { NeighborhoodsTable } from '../../features/neighborhoods/components/neighborhoods-table';
import { MySaraCases } from '../../features/sara/components/my-sara-cases';
import { SERVICE_REQUESTS_QUERY_KEY } from '../../features/service-requests/api/get-service-requests';
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
  '/priorities':
    'What each neighborhood asked for and what was done: stale priorities and the monthly report.',
  '/neighborhoods': 'Boundaries and the coordination lieutenant responsible for each neighborhood.',
  '/assignments': 'Who held which role in each neighborhood at any moment, and coverage gaps.',
  '/personnel': 'Sworn and civilian members, their assignments and open work.',
  '/dashboards': 'Response times, SLA compliance and scorecards per neighborhood.',
  '/users': 'Staff accounts and roles.',
  '/api-clients': 'Keys for the systems that integrate with NSP.',
  '/boundary-import': 'Load neighborhood boundaries from a GIS file, with a dry run first.',
  '/address-import': 'Load the town’s address points for geocoding.',
};

/** The replies "My work" waits for: the officer's work lists and their personnel record. */
const WORK_LIST_KEYS = [
  [...SERVICE_REQUESTS_QUERY_KEY, 'list', 'slice'],
  ['personnel', 'me'],
] as const;

/**
 * True once the home page's work lists have loaded (or after 3 s): until then the sections below
 * "My work" are not rendered, so nothing moves as the lists arrive and grow (no layout shift;
 * appearing below what is there is not a shift). Read from the query client when the page has
 * mounted and after each change: the lists are often in already (the route fetched them alongside
 * its code), and waiting to see them load would then wait for the 3 s fallback.
 */
function useWorkListsSettled(): boolean {
  const queryClient = useQueryClient();
  const fetchingLists = useIsFetching({ queryKey: WORK_LIST_KEYS[0] });
  const fetchingMine = useIsFetching({ queryKey: WORK_LIST_KEYS[1] });
  const [settled, setSettled] = useState(false);
  // Checked again whenever a list starts or ends loading (the counts are the trigger).
  useEffect(() => {
    if (settled) return;
    const inFlight = WORK_LIST_KEYS.some((queryKey) => queryClient.isFetching({ queryKey }) > 0);
    if (!inFlight) setSettled(true);
  }, [settled, fetchingLists, fetchingMine, queryClient]);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(true), 3000);
    return () => window.clearTimeout(timer);
  }, []);
  return settled;
}

/**
 * True once no reply is on its way (or after 3 s) from the moment `active` turns true. Read from the
 * query client itself, not through a hook that re-renders on every fetch's start and end.
 */
function useQuietAfter(active: boolean): boolean {
  const queryClient = useQueryClient();
  const [quiet, setQuiet] = useState(false);
  useEffect(() => {
    if (!active || quiet) return;
    const check = () => {
      if (queryClient.isFetching() === 0) setQuiet(true);
    };
    check();
    const unsubscribe = queryClient.getQueryCache().subscribe(check);
    const timer = window.setTimeout(() => setQuiet(true), 3000);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [active, quiet, queryClient]);
  return quiet;
}

/**
 * The part of the page below "My work". It is not even rendered until the work lists have settled:
 * on a phone, rendering it and starting its dozen queries together with "My work" held the main
 * thread for a quarter of a second at the moment the officer's cards should appear. It then renders
 * in the background (a transition, in slices) and stays hidden until its own replies are in, so
 * nothing moves as its lists arrive and grow (no layout shift; appearing below what is there is
 * not a shift). Its own component: every fetch's start and end re-renders only this wrapper, not
 * the page's lists (the children are elements the page made once, so React skips them).
 */
function OnceSettled({ children }: { children: ReactNode }) {
  const settled = useWorkListsSettled();
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (settled) startTransition(() => setMounted(true));
  }, [settled]);
  const quiet = useQuietAfter(mounted);
  return (
    <div className="home-rest" hidden={!quiet}>
      {mounted ? children : null}
    </div>
  );
}

/** The neighborhoods and their lieutenants: its own component, so their arrival re-renders only this. */
function WhoIsResponsible() {
  const neighborhoodsQuery = useNeighborhoods();
  return (
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
  );
}

/**
 * Each role's start of the day first (the work finds its owner), then the areas and who is
 * responsible. A person with several roles gets each role's part.
 */
export function HomeRoute() {
  const user = useCurrentUser();
  const areas = NAV_SECTIONS.flatMap((section) => section.items).filter(
    (item) => item.to !== '/' && (!item.permission || can(user, item.permission)),
  );
  const has = (role: (typeof user.roles)[number]) => user.roles.includes(role);

  return (
    <div className="page page-wide">
      <PageHeader title="Overview" description={`Signed in as ${user.name}.`} />
      {/* The officer's own assignments first: in the field this is the page's whole point. */}
      {has('staff') || has('lieutenant') ? <MyWork /> : null}
      <OnceSettled>
        {has('lieutenant') ? (
          <LieutenantWork>
            <MySaraCases />
          </LieutenantWork>
        ) : null}
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
        <WhoIsResponsible />
      </OnceSettled>
    </div>
  );
}
