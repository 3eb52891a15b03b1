import type {
  RequestPriority,
  RequestStatusValue,
  queueSorts,
  serviceRequestPageSchema,
  responseTemplatesContracts,
} from '@nsp/contracts';

// Types only: `import type` keeps zod out of the queue's chunk (the intake form loads it on purpose).
export type {
  AddedNote,
  BulkBody,
  BulkResult,
  CreateServiceRequestBody,
  CreatedServiceRequest,
  RequestChannel,
  RequestPriority,
  RequestStatusValue,
  ResponseTemplate,
  ServiceRequest,
  ServiceRequestDetail,
  ServiceType,
  TimelineEvent,
  TransitionResult,
  UpdateServiceRequestBody,
  PossibleDuplicates,
  RequesterRequests,
} from '@nsp/contracts';

export type ServiceRequestPage = (typeof serviceRequestPageSchema)['_output'];
export type StatusCounts = NonNullable<ServiceRequestPage['counts']>;
export type QueueSort = (typeof queueSorts)[number];
export type ResponseTemplateList = (typeof responseTemplatesContracts.list.responses)[200]['_output'];

/** What the queue shows; kept in the address bar so a link, a reload or Back restores it. */
export interface QueueFilters {
  /** Empty: every status. */
  status: RequestStatusValue[];
  /** A neighborhood id, or 'mine' (every neighborhood the signed-in person is assigned to). */
  neighborhoodId: string | null;
  serviceCode: string | null;
  priority: RequestPriority | null;
  /** A personnel id, 'none' for unassigned requests, or 'me' (the signed-in person's record). */
  assigneeId: string | null;
  overdue: boolean;
  q: string | null;
  /** Dates (YYYY-MM-DD) in the browser's time zone; created on or after / on or before. */
  createdFrom: string | null;
  createdTo: string | null;
  /** A date (YYYY-MM-DD): resolution due before that day ends. */
  dueBy: string | null;
  sort: QueueSort;
}
