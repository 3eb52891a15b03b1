import type { Attachment, AttachmentOwnerKind } from '@nsp/contracts';

export type { Attachment, AttachmentOwnerKind };

/** The thing attachments hang off: a service request (SARA cases and meetings use the same panel). */
export interface AttachmentOwnerRef {
  /** The path segment: service-requests, sara-cases or meetings. */
  segment: 'service-requests' | 'sara-cases' | 'meetings';
  id: string;
}
