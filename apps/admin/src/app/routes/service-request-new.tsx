import { IntakeForm } from '../../features/service-requests/components/intake/intake-form';

// Its own chunk: the intake form validates with the contracts' zod schemas, which the queue does not need.
export function NewServiceRequestRoute() {
  return <IntakeForm />;
}
