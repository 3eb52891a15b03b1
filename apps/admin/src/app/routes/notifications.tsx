import { InboxPage } from '../../features/notifications/components/inbox-page';
import { OutboxPage } from '../../features/notifications/components/outbox-page';
import {
  MyPreferencesPage,
  UserPreferencesPage,
} from '../../features/notifications/components/preferences-page';

export function InboxRoute() {
  return <InboxPage />;
}

export function MyPreferencesRoute() {
  return <MyPreferencesPage />;
}

export function UserPreferencesRoute() {
  return <UserPreferencesPage />;
}

export function OutboxRoute() {
  return <OutboxPage />;
}
