import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  problemSchema,
  safeTextSchema,
  uuidSchema,
} from './common.ts';
import { meetingPrioritiesReportSchema } from './priorities.ts';
import { publicPaths } from './public-paths.ts';
import { publicLanguageQuerySchema } from './public-texts.ts';
import { defineContract } from './route.ts';
import { localizedTextSchema } from './service-types.ts';

const tags = ['meetings'] as const;

export const meetingKinds = ['community_meeting', 'education_session', 'partner_meeting'] as const;
export const meetingKindSchema = z.enum(meetingKinds);
export type MeetingKind = z.infer<typeof meetingKindSchema>;
export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(meetingStatuses);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;
export const actionItemStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export const actionItemStatusSchema = z.enum(actionItemStatuses);
export type ActionItemStatus = z.infer<typeof actionItemStatusSchema>;
/** Open items are carried forward to the neighborhood's next meetings; closed ones are not. */
export const openActionItemStatuses: readonly ActionItemStatus[] = ['open', 'in_progress'];

const text = (max: number) =>
  safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`));
const optionalText = (max: number) => text(max).nullable().optional();
const dateSchema = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const meetingLanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as "es" or "ase"');
const httpUrlSchema = safeTextSchema.pipe(
  z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).max(2000),
);
/** A title as plain English text, or in several public languages. */
const titleInputSchema = z.union([text(200), localizedTextSchema]);

const personRefSchema = z.object({ id: uuidSchema, name: z.string() });

export const agendaItemSchema = z
  .object({
    title: localizedTextSchema,
    public: z.boolean().default(true).describe('Shown on the public calendar'),
    presenter: z.string().max(200).optional().describe('Who leads this point; never published'),
  })
  .meta({ id: 'MeetingAgendaItem' });

export const actionItemNoteSchema = z.object({
  id: uuidSchema,
  body: z.string(),
  meetingId: uuidSchema.nullable().describe('The meeting where this progress was reported'),
  createdAt: isoDateTimeSchema,
  createdBy: z.string().nullable().describe('Name of who wrote it'),
});

export const actionItemSchema = z
  .object({
    id: uuidSchema,
    meetingId: uuidSchema,
    meetingTitle: z.string(),
    meetingStartsAt: isoDateTimeSchema,
    neighborhoodId: uuidSchema,
    title: z.string(),
    owner: personRefSchema.nullable(),
    dueDate: dateSchema.nullable(),
    status: actionItemStatusSchema,
    overdue: z.boolean().describe('Open past its due date (in the department time zone)'),
    closedAt: isoDateTimeSchema.nullable(),
    closedBy: personRefSchema.nullable(),
    notes: z.array(actionItemNoteSchema),
    createdAt: isoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ActionItem' });
export type ActionItem = z.infer<typeof actionItemSchema>;

export const meetingProblemSchema = z
  .object({
    id: uuidSchema,
    description: z.string(),
    serviceRequestId: uuidSchema.nullable(),
    saraCaseId: uuidSchema
      .nullable()
      .describe('The SARA case this problem started or joined; the case lists the meeting as evidence'),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'MeetingProblem' });

export const meetingRescheduleSchema = z.object({
  previousStartsAt: isoDateTimeSchema,
  previousEndsAt: isoDateTimeSchema,
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
  reason: z.string().nullable(),
  changedAt: isoDateTimeSchema,
});

export const meetingSummarySchema = z
  .object({
    id: uuidSchema,
    neighborhoodId: uuidSchema,
    neighborhoodName: z.string(),
    kind: meetingKindSchema,
    status: meetingStatusSchema,
    title: localizedTextSchema,
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema,
    timeZone: z.string(),
    locationName: z.string().nullable(),
    address: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    lieutenant: personRefSchema.nullable(),
    attendanceCount: z.number().int().nullable(),
    openActionItems: z.number().int().describe('Open items raised at this meeting'),
    scheduleId: uuidSchema.nullable(),
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingSchema = meetingSummarySchema
  .extend({
    publicDescription: localizedTextSchema.nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    staff: z.array(personRefSchema),
    partnerOrganizations: z.array(z.string()),
    agenda: z.array(agendaItemSchema),
    languages: z.array(z.string()),
    interpretation: z.array(z.string()),
    residentCount: z.number().int().nullable(),
    minutes: z.string().nullable(),
    publicSummary: localizedTextSchema.nullable(),
    internalNotes: z.string().nullable(),
    cancelReason: z.string().nullable(),
    reschedules: z.array(meetingRescheduleSchema),
    problems: z.array(meetingProblemSchema),
    actionItems: z.array(actionItemSchema).describe('Items raised at this meeting, open and closed'),
    carriedForward: z
      .array(actionItemSchema)
      .describe('Open items from earlier meetings of the same neighborhood, for progress reports'),
    prioritiesReport: meetingPrioritiesReportSchema.describe(
      '"You said, we did": the neighborhood\'s priorities with the actions since the previous meeting; the agenda opens with it',
    ),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof meetingSchema>;

const placeFields = {
  locationName: optionalText(200),
  address: optionalText(300).describe('Geocoded when it matches an address point; kept as typed otherwise'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  onlineUrl: httpUrlSchema.nullable().optional(),
};

const planFields = {
  title: titleInputSchema,
  publicDescription: localizedTextSchema.nullable().optional(),
  endsAt: isoDateTimeSchema.optional().describe('Defaults to 90 minutes after the start'),
  timeZone: z.string().max(64).optional().describe('IANA zone; the department’s by default'),
  ...placeFields,
  lieutenantId: uuidSchema
    .nullable()
    .optional()
    .describe("Defaults to the neighborhood's coordination lieutenant at the time"),
  staffIds: z.array(uuidSchema).max(50).optional(),
  partnerOrganizations: z.array(text(200)).max(30).optional(),
  agenda: z.array(agendaItemSchema).max(40).optional(),
  languages: z.array(meetingLanguageSchema).min(1).max(10).optional(),
  interpretation: z.array(meetingLanguageSchema).max(10).optional(),
  internalNotes: optionalText(8000),
};

export const createMeetingBodySchema = z.object({
  neighborhoodId: uuidSchema,
  kind: meetingKindSchema,
  startsAt: isoDateTimeSchema,
  ...planFields,
});

export const updateMeetingBodySchema = z
  .object(planFields)
  .partial()
  .extend({
    kind: meetingKindSchema.optional(),
    startsAt: isoDateTimeSchema.optional(),
    rescheduleReason: optionalText(500).describe('Kept in the meeting’s reschedule history'),
    status: meetingStatusSchema
      .optional()
      .describe('held (needs attendanceCount), cancelled (needs cancelReason), or planned again'),
    cancelReason: optionalText(500),
    attendanceCount: z.number().int().min(0).max(100_000).nullable().optional(),
    residentCount: z.number().int().min(0).max(100_000).nullable().optional(),
    minutes: optionalText(50_000),
    publicSummary: localizedTextSchema.nullable().optional(),
    version: z.number().int().optional(),
  });
export type UpdateMeetingBody = z.infer<typeof updateMeetingBodySchema>;

export const listMeetingsQuerySchema = z.object({
  neighborhoodId: uuidSchema.optional(),
  status: meetingStatusSchema.optional(),
  saraCaseId: uuidSchema.optional().describe('Meetings where a problem linked to this SARA case was raised'),
  from: isoDateTimeSchema.optional().describe('Meetings starting at or after'),
  to: isoDateTimeSchema.optional().describe('Meetings starting before'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const createActionItemBodySchema = z.object({
  title: text(500),
  ownerId: uuidSchema.nullable().optional(),
  dueDate: dateSchema.nullable().optional(),
});

export const updateActionItemBodySchema = z.object({
  title: text(500).optional(),
  ownerId: uuidSchema.nullable().optional(),
  dueDate: dateSchema.nullable().optional(),
  status: actionItemStatusSchema
    .optional()
    .describe('done or dropped closes the item (who and when are kept)'),
  progressNote: text(4000).optional().describe('Appends a progress note'),
  reportedAtMeetingId: uuidSchema
    .optional()
    .describe('The meeting where the progress note was reported (shown with the note)'),
  version: z.number().int().optional(),
});

export const listActionItemsQuerySchema = z.object({
  neighborhoodId: z.union([uuidSchema, z.literal('mine')]).optional(),
  ownerId: z.union([uuidSchema, z.literal('me')]).optional(),
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('Only open items past their due date'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const createMeetingProblemBodySchema = z.object({
  description: text(4000),
  serviceRequestId: uuidSchema.nullable().optional().describe('A service request this problem became'),
  saraCaseId: uuidSchema.nullable().optional().describe('An existing SARA case this problem joins'),
  startSaraCase: z
    .boolean()
    .optional()
    .describe('Start a new SARA case from this problem, with the meeting as evidence'),
});

export const updateMeetingProblemBodySchema = z.object({
  description: text(4000).optional(),
  serviceRequestId: uuidSchema.nullable().optional(),
  saraCaseId: uuidSchema.nullable().optional(),
});

export const meetingScheduleSchema = z
  .object({
    id: uuidSchema,
    neighborhoodId: uuidSchema,
    kind: meetingKindSchema,
    title: localizedTextSchema,
    frequency: z.enum(['weekly', 'monthly']),
    weekday: z.number().int().describe('ISO weekday: 1 Monday … 7 Sunday'),
    weekOfMonth: z.number().int().nullable().describe('1–4, or -1 for the last, for monthly plans'),
    localTime: z.string(),
    durationMinutes: z.number().int(),
    timeZone: z.string(),
    locationName: z.string().nullable(),
    address: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    monthsAhead: z.number().int(),
    generatedThrough: dateSchema.nullable(),
    active: z.boolean(),
    description: z.string().describe('The rule in words, e.g. "Second Tuesday of each month, 18:30"'),
  })
  .meta({ id: 'MeetingSchedule' });
export type MeetingSchedule = z.infer<typeof meetingScheduleSchema>;

export const createMeetingScheduleBodySchema = z
  .object({
    neighborhoodId: uuidSchema,
    kind: meetingKindSchema,
    title: titleInputSchema,
    frequency: z.enum(['weekly', 'monthly']),
    weekday: z.number().int().min(1).max(7),
    weekOfMonth: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)])
      .nullable()
      .optional(),
    localTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)'),
    durationMinutes: z.number().int().min(15).max(720).default(90),
    timeZone: z.string().max(64).optional(),
    locationName: optionalText(200),
    address: optionalText(300),
    onlineUrl: httpUrlSchema.nullable().optional(),
    languages: z.array(meetingLanguageSchema).min(1).max(10).optional(),
    interpretation: z.array(meetingLanguageSchema).max(10).optional(),
    monthsAhead: z.number().int().min(1).max(12).default(3),
  })
  .superRefine((value, context) => {
    if (value.frequency === 'monthly' && value.weekOfMonth == null)
      context.addIssue({ code: 'custom', path: ['weekOfMonth'], message: 'is required for a monthly plan' });
    if (value.frequency === 'weekly' && value.weekOfMonth != null)
      context.addIssue({ code: 'custom', path: ['weekOfMonth'], message: 'must be empty for a weekly plan' });
    if (!value.address && !value.onlineUrl)
      context.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'an address or an online link is required',
      });
  });

export const meetingStatsSchema = z.object({
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  neighborhoods: z.array(
    z.object({
      neighborhoodId: uuidSchema,
      name: z.string(),
      held: z.number().int(),
      cancelled: z.number().int(),
      planned: z.number().int(),
      attendance: z.number().int().describe('People at held meetings'),
      averageAttendance: z.number().nullable(),
      actionItemsDue: z.number().int().describe('Items due in the period'),
      closedOnTime: z.number().int(),
      closedLate: z.number().int(),
      openOverdue: z.number().int(),
      onTimeRate: z.number().nullable().describe('closedOnTime / actionItemsDue'),
    }),
  ),
});

const idParams = z.object({ id: uuidSchema });
const writeErrors = { ...authErrorResponses, 404: problemSchema, 409: problemSchema, 412: problemSchema };

export const meetingsContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/meetings',
    summary: 'Meetings, by start time',
    tags,
    querystring: listMeetingsQuerySchema,
    responses: { 200: z.object({ items: z.array(meetingSummarySchema) }), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/meetings',
    summary: 'Plan a meeting',
    description: 'A lieutenant plans meetings of their own neighborhood; supervisors and admins of any.',
    tags,
    body: createMeetingBodySchema,
    responses: { 201: meetingSchema, ...authErrorResponses, 404: problemSchema },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/meetings/:id',
    summary: 'A meeting with its agenda, problems, action items and the carried-forward open items',
    tags,
    params: idParams,
    responses: { 200: meetingSchema, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/meetings/:id',
    summary: 'Change, reschedule, hold (minutes, attendance) or cancel a meeting',
    description:
      'Staff record minutes and attendance; planning (time, place, agenda, cancelling) is for the neighborhood’s lieutenant, supervisors and admins. A new time is kept in the reschedule history.',
    tags,
    params: idParams,
    body: updateMeetingBodySchema,
    responses: { 200: meetingSchema, ...writeErrors },
  }),
  createActionItem: defineContract({
    method: 'POST',
    path: '/api/v1/meetings/:id/action-items',
    summary: 'Add an action item at a meeting',
    tags,
    params: idParams,
    body: createActionItemBodySchema,
    responses: { 201: actionItemSchema, ...writeErrors },
  }),
  listActionItems: defineContract({
    method: 'GET',
    path: '/api/v1/action-items',
    summary: 'Action items (e.g. the overdue ones of my neighborhood)',
    tags,
    querystring: listActionItemsQuerySchema,
    responses: { 200: z.object({ items: z.array(actionItemSchema) }), ...authErrorResponses },
  }),
  updateActionItem: defineContract({
    method: 'PATCH',
    path: '/api/v1/action-items/:id',
    summary: 'Report progress on, change or close an action item',
    tags,
    params: idParams,
    body: updateActionItemBodySchema,
    responses: { 200: actionItemSchema, ...writeErrors },
  }),
  createProblem: defineContract({
    method: 'POST',
    path: '/api/v1/meetings/:id/problems',
    summary: 'Record a problem raised at a meeting (and link it to a request or SARA case)',
    tags,
    params: idParams,
    body: createMeetingProblemBodySchema,
    responses: { 201: meetingProblemSchema, ...writeErrors },
  }),
  updateProblem: defineContract({
    method: 'PATCH',
    path: '/api/v1/meeting-problems/:id',
    summary: 'Change a problem raised at a meeting or its links',
    tags,
    params: idParams,
    body: updateMeetingProblemBodySchema,
    responses: { 200: meetingProblemSchema, ...writeErrors },
  }),
  listSchedules: defineContract({
    method: 'GET',
    path: '/api/v1/meeting-schedules',
    summary: 'Recurring meeting plans',
    tags,
    querystring: z.object({ neighborhoodId: uuidSchema.optional() }),
    responses: { 200: z.object({ items: z.array(meetingScheduleSchema) }), ...authErrorResponses },
  }),
  createSchedule: defineContract({
    method: 'POST',
    path: '/api/v1/meeting-schedules',
    summary: 'Plan recurring meetings; creates the meetings ahead, each then edited alone',
    tags,
    body: createMeetingScheduleBodySchema,
    responses: {
      201: meetingScheduleSchema.extend({ created: z.number().int() }),
      ...authErrorResponses,
      404: problemSchema,
    },
  }),
  stats: defineContract({
    method: 'GET',
    path: '/api/v1/stats/meetings',
    summary: 'Meetings held, attendance and action items closed on time, per neighborhood',
    tags: ['stats', ...tags],
    querystring: z.object({ from: isoDateTimeSchema.optional(), to: isoDateTimeSchema.optional() }),
    responses: { 200: meetingStatsSchema, ...authErrorResponses },
  }),
};

/** What the public sees of a meeting: no attendee's name, no internal note, only public agenda points. */
export const publicMeetingSchema = z
  .object({
    id: uuidSchema.describe('Stable; also the iCalendar UID'),
    neighborhood: z.object({ code: z.string(), name: z.string() }),
    kind: meetingKindSchema,
    kindLabel: z.string(),
    status: z.enum(['planned', 'held', 'cancelled']),
    title: z.string(),
    description: z.string().nullable(),
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema,
    timeZone: z.string(),
    locationName: z.string().nullable(),
    address: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    agenda: z.array(z.string()),
    languages: z.array(z.string()),
    interpretation: z.array(z.string()),
    summary: z.string().nullable().describe('What was published after the meeting'),
  })
  .meta({ id: 'PublicMeeting' });

export type PublicMeeting = z.infer<typeof publicMeetingSchema>;

export const publicMeetingsQuerySchema = publicLanguageQuerySchema.extend({
  neighborhood: z
    .string()
    .max(40, 'must be at most 40 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a neighborhood code')
    .optional()
    .describe('Only this neighborhood (its code)'),
});

export const publicMeetingsContracts = {
  list: defineContract({
    method: 'GET',
    path: publicPaths.meetings,
    summary: 'Upcoming and recent community meetings',
    tags: ['public'],
    querystring: publicMeetingsQuerySchema,
    responses: {
      200: z.object({ language: z.string(), items: z.array(publicMeetingSchema) }),
      400: problemSchema,
      404: problemSchema,
    },
  }),
  calendar: defineContract({
    method: 'GET',
    path: publicPaths.meetingsCalendar,
    summary: 'The meetings as an iCalendar feed (RFC 5545) to subscribe to',
    tags: ['public'],
    querystring: publicMeetingsQuerySchema,
    responses: { 200: z.string().describe('text/calendar'), 400: problemSchema, 404: problemSchema },
  }),
};
