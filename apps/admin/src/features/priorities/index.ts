// What other parts of the admin app use of the priorities feature.
export { MeetingPrioritiesReport } from './components/meeting-priorities-report';
export { NeighborhoodPriorities } from './components/neighborhood-priorities';
export { PriorityForm } from './components/priority-form';
