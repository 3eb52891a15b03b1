import { ComingSoon } from '../../components/coming-soon';

// Areas still to be built; each gets its own feature folder and route module when it lands.

export function MeetingsRoute() {
  return <ComingSoon title="Meetings" description="Community meetings, agendas, minutes and action items." />;
}
