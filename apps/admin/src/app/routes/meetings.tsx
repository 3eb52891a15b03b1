import { useParams } from 'react-router-dom';
import { MeetingPage } from '../../features/meetings/components/meeting-page';
import { MeetingsPage } from '../../features/meetings/components/meetings-page';

export function MeetingsRoute() {
  return <MeetingsPage />;
}

export function MeetingRoute() {
  const { meetingId = '' } = useParams();
  return <MeetingPage key={meetingId} meetingId={meetingId} />;
}
