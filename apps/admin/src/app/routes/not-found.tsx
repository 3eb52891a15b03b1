import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';

export function NotFoundRoute() {
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      <p>
        There is no page at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </div>
  );
}
