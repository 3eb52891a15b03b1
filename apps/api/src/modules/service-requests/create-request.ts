import type { CreatedServiceRequest, CreateServiceRequestBody } from '@nsp/contracts';
import { ValidationError } from '../../lib/errors.ts';
import { type IdempotencyScope, type IdempotentReply, runIdempotently } from '../../lib/idempotency.ts';
import { currentLieutenants } from '../assignments/current-lieutenant.ts';
import { validateAttributeAnswers } from '../service-types/attribute-answers.ts';
import type { ServiceTypeRow } from '../service-types/catalog.ts';
import type { MatchQuality, NeighborhoodRef, ServiceRequestsContext } from './context.ts';
import { dueTimesFor } from './due-times.ts';
import { findPossibleDuplicates } from './possible-duplicates.ts';
import { prepareCreateStatement } from './create-statement.ts';
import { initialSearchText } from './repo.ts';
import { withScrubbedDatabaseErrors } from '../../lib/scrub-database-errors.ts';
import { presentRequest, viewerOf } from './visibility.ts';
import { mailLanguageOf, requesterMessageOutcome } from '../notifications/requester-messages.ts';

/** An address the geocoder could not place: 400 naming `address`, with the candidates it did find. */
export class AddressNotFoundError extends ValidationError {
  constructor(candidates: Array<{ address: string; lat: number; lon: number; score: number }>) {
    super(
      candidates.length > 0
        ? 'The address was not found; did you mean one of the candidates?'
        : 'The address was not found among the department’s address points.',
      [{ path: 'address', message: 'was not found', in: 'body' }],
    );
    Object.assign(this.extensions, { candidates: candidates.slice(0, 10) });
  }
}

export interface ResolvedLocation {
  address: string | null;
  lat: number;
  lon: number;
  neighborhood: NeighborhoodRef | null;
  source: 'address' | 'coordinates';
  quality: MatchQuality | 'coordinates';
  matchedAddress: string | null;
}

/** Coordinates given directly skip the address step; otherwise the address must geocode. */
export async function resolveLocation(
  ctx: Pick<ServiceRequestsContext, 'locator'>,
  input: {
    address?: string | null | undefined;
    lat?: number | null | undefined;
    lon?: number | null | undefined;
  },
): Promise<ResolvedLocation> {
  if (typeof input.lat === 'number' && typeof input.lon === 'number') {
    const located = await ctx.locator.locatePoint(input.lat, input.lon);
    return {
      address: input.address ?? null,
      lat: input.lat,
      lon: input.lon,
      neighborhood: located.neighborhood,
      source: 'coordinates',
      quality: 'coordinates',
      matchedAddress: null,
    };
  }
  const address = input.address ?? '';
  const geocoded = await ctx.locator.geocode(address);
  if (!geocoded.match || geocoded.match.quality === 'none')
    throw new AddressNotFoundError(geocoded.candidates);
  return {
    address,
    lat: geocoded.match.lat,
    lon: geocoded.match.lon,
    neighborhood: geocoded.neighborhood,
    source: 'address',
    quality: geocoded.match.quality,
    matchedAddress: geocoded.match.address,
  };
}

/** A category that exists and is active, or a 400 naming the field. */
export async function requireActiveServiceType(
  ctx: Pick<ServiceRequestsContext, 'catalog'>,
  code: string,
  path = 'serviceCode',
): Promise<ServiceTypeRow> {
  const serviceType = await ctx.catalog.serviceType(code);
  if (!serviceType?.active) {
    throw new ValidationError(`There is no active service type ${code}.`, [
      { path, message: 'is not an active service type', in: 'body' },
    ]);
  }
  return serviceType;
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();
/** The year on the department's calendar (a request at 20:00 on 31 December local time is that year's). */
function localYear(instant: Date, timeZone: string): string {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * The status a request starts in (README "Request workflow"). A person taking the request (on the
 * phone, at the counter) has already triaged it: they chose the category and the priority. When intake
 * also routed it to the neighborhood's coordination lieutenant, it is owned: it starts `assigned`, and
 * nobody has to click "Mark triaged" then "Mark assigned" (new → assigned is a move the transition table
 * allows). It starts `new` when nobody owns it yet (outside every neighborhood, or no lieutenant): it
 * needs routing. A request filed by an integration (town website, 311 app) starts `new` even when
 * routed: no person has looked at it yet, so it waits for a clerk's triage.
 */
export function intakeStatus(
  ctx: Pick<ServiceRequestsContext, 'principal'>,
  routed: boolean,
): 'new' | 'assigned' {
  return ctx.principal.kind === 'user' && routed ? 'assigned' : 'new';
}

interface PreparedIntake {
  serviceType: ServiceTypeRow;
  attributes: Record<string, unknown>;
  location: ResolvedLocation;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  due: { firstResponseDueAt: Date; resolutionDueAt: Date };
  assignee: { id: string; name: string; title: string } | null;
  possibleDuplicates: CreatedServiceRequest['possibleDuplicates'];
  createdAt: Date;
}

/**
 * Intake: checks the category and its answers, places the request (geocoding the address or locating
 * the coordinates), routes it to the neighborhood's current coordination lieutenant, sets the SLA due
 * times, and stores it with its 'created' event and audit entry in one transaction. The reply lists
 * possible duplicates. With an Idempotency-Key a retry gets the first reply again.
 */
export async function createServiceRequest(
  ctx: ServiceRequestsContext,
  input: CreateServiceRequestBody,
  idempotency: IdempotencyScope | null,
): Promise<IdempotentReply<CreatedServiceRequest>> {
  return withScrubbedDatabaseErrors(() => createInTransaction(ctx, input, idempotency));
}

function createInTransaction(
  ctx: ServiceRequestsContext,
  input: CreateServiceRequestBody,
  idempotency: IdempotencyScope | null,
): Promise<IdempotentReply<CreatedServiceRequest>> {
  return runIdempotently<CreatedServiceRequest, PreparedIntake>(ctx.db, idempotency, {
    prepare: async () => {
      const serviceType = await requireActiveServiceType(ctx, input.serviceCode);
      const attributes = validateAttributeAnswers(serviceType.attributes, input.attributes ?? undefined);
      const [location, settings] = await Promise.all([
        resolveLocation(ctx, input),
        ctx.catalog.deskSettings(),
      ]);
      const createdAt = ctx.now();
      const priority = input.priority ?? serviceType.defaultPriority;
      const due = dueTimesFor(serviceType.sla, priority, createdAt, settings.calendar);
      // Independent reads, so they go to the database side by side.
      const [lieutenants, possibleDuplicates] = await Promise.all([
        location.neighborhood ? currentLieutenants(ctx.db, [location.neighborhood.id], createdAt) : new Map(),
        findPossibleDuplicates(ctx.db, {
          serviceCode: serviceType.code,
          lat: location.lat,
          lon: location.lon,
          now: createdAt,
        }),
      ]);
      const lieutenant = location.neighborhood ? lieutenants.get(location.neighborhood.id) : undefined;
      return {
        serviceType,
        attributes,
        location,
        priority,
        due,
        assignee: lieutenant
          ? { id: lieutenant.personnelId, name: lieutenant.name, title: lieutenant.title }
          : null,
        possibleDuplicates,
        createdAt,
      };
    },
    work: async (tx, intake) => {
      const requester = input.requester ?? {};
      const status = intakeStatus(ctx, intake.assignee !== null);
      // The timeline and the audit log never hold requester contact: it lives in the row only.
      const facts = {
        status,
        priority: intake.priority,
        serviceCode: intake.serviceType.code,
        channel: input.channel,
        neighborhoodId: intake.location.neighborhood?.id ?? null,
        assigneeId: intake.assignee?.id ?? null,
        firstResponseDueAt: intake.due.firstResponseDueAt.toISOString(),
        resolutionDueAt: intake.due.resolutionDueAt.toISOString(),
      };
      const [row] = await prepareCreateStatement(tx).execute({
        prefix: ctx.catalog.trackingPrefix,
        year: localYear(intake.createdAt, ctx.catalog.timeZone),
        serviceCode: intake.serviceType.code,
        status,
        priority: intake.priority,
        channel: input.channel,
        description: input.description,
        address: intake.location.address,
        lat: intake.location.lat,
        lon: intake.location.lon,
        neighborhoodId: facts.neighborhoodId,
        assigneeId: facts.assigneeId,
        attributes: intake.attributes,
        requesterName: requester.name ?? null,
        requesterEmail: requester.email ?? null,
        requesterPhone: requester.phone ?? null,
        requesterLanguage: requester.preferredLanguage ?? null,
        requesterEmailUpdates: requester.emailUpdates ?? false,
        mailLanguage: mailLanguageOf(requester.preferredLanguage),
        mailOutcome: requesterMessageOutcome({
          requesterEmail: requester.email ?? null,
          requesterEmailUpdates: requester.emailUpdates ?? false,
        }),
        firstResponseDueAt: intake.due.firstResponseDueAt,
        resolutionDueAt: intake.due.resolutionDueAt,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        searchText: initialSearchText(input.description, intake.location.address),
        createdAt: intake.createdAt,
        facts: JSON.stringify(facts),
        auditFacts: JSON.stringify({ ...facts, location: intake.location.source }),
        requestId: ctx.actor.requestId ?? null,
        ipAddress: ctx.actor.ipAddress ?? null,
        announcedAt: intake.createdAt.toISOString(),
      });
      if (!row) throw new Error('insert returned nothing');
      const view = { ...row, neighborhood: intake.location.neighborhood, assignee: intake.assignee };
      return {
        statusCode: 201,
        body: {
          ...presentRequest(view, viewerOf(ctx.principal), intake.createdAt),
          possibleDuplicates: intake.possibleDuplicates,
          location: {
            source: intake.location.source,
            quality: intake.location.quality,
            matchedAddress: intake.location.matchedAddress,
          },
        },
      };
    },
  });
}
