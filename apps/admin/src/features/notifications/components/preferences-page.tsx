import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { PreferencesForm } from './preferences-form';

/** My own notification settings. */
export function MyPreferencesPage() {
  return (
    <div className="page">
      <PageHeader
        title="Notification settings"
        description={
          <>
            Choose, for each kind of notice, whether it appears in your <Link to="/inbox">inbox</Link>, comes
            by e-mail, or both.
          </>
        }
      />
      <PreferencesForm userId={null} subject="you" />
    </div>
  );
}

/** A user's notification settings, for administrators (from the Users page). */
export function UserPreferencesPage() {
  const { userId = '' } = useParams();
  return (
    <div className="page">
      <PageHeader
        title="A user’s notification settings"
        description={<Link to="/users">Back to users</Link>}
      />
      <PreferencesForm userId={userId} subject="this user" />
    </div>
  );
}
