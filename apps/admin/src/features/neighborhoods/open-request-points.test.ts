import type { ServiceRequest } from '@nsp/contracts';
import { describe, expect, it } from 'vitest';
import { openRequestPoints } from './open-request-points';

let sequence = 0;
function request(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    trackingNumber: `EH-2026-${String(sequence).padStart(6, '0')}`,
    serviceCode: 'graffiti',
    status: 'new',
    priority: 'P3',
    channel: 'phone',
    description: 'Tags on the underpass wall',
    address: '12 Main St',
    lat: 41.76,
    lon: -72.67,
    neighborhoodId: null,
    neighborhood: null,
    assigneeId: null,
    assignee: null,
    attributes: {},
    parentId: null,
    firstResponseDueAt: '2026-03-01T14:00:00.000Z',
    resolutionDueAt: '2026-03-05T14:00:00.000Z',
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    overdue: false,
    firstResponseOverdue: false,
    requesterLanguage: null,
    createdAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

const categoryName = (code: string) => (code === 'graffiti' ? 'Graffiti' : code);
const formatDue = (iso: string) => `due(${iso})`;

describe('open requests on the map', () => {
  it('marks overdue requests with another shape and says so in words', () => {
    const onTime = request();
    const late = request({ overdue: true, status: 'in_progress', priority: 'P1' });
    const { points, overdue } = openRequestPoints([onTime, late], categoryName, formatDue);
    expect(overdue).toBe(1);
    expect(points.map((point) => point.shape)).toEqual(['circle', 'diamond']);
    expect(points[0]!.accessibleName).toBe(
      `Request ${onTime.trackingNumber}, Graffiti, New, priority P3, 12 Main St`,
    );
    expect(points[1]!.accessibleName).toBe(
      `Request ${late.trackingNumber}, Graffiti, In progress, overdue, priority P1, 12 Main St`,
    );
    expect(points[1]!.popup.lines).toContain('Overdue: resolution was due due(2026-03-05T14:00:00.000Z)');
    expect(points[0]!.popup.lines.some((line) => line.startsWith('Overdue'))).toBe(false);
  });

  it('links each marker to the request page and places it at its coordinates', () => {
    const placed = request({ lat: 41.7712, lon: -72.6612 });
    const [point] = openRequestPoints([placed], categoryName, formatDue).points;
    expect(point).toMatchObject({
      id: placed.id,
      lat: 41.7712,
      lon: -72.6612,
      popup: { title: placed.trackingNumber, href: `/service-requests/${placed.id}` },
    });
  });

  it('counts requests without coordinates instead of drawing them', () => {
    const result = openRequestPoints(
      [request({ lat: null, lon: null, address: 'somewhere unknown' }), request()],
      categoryName,
      formatDue,
    );
    expect(result.points).toHaveLength(1);
    expect(result.withoutLocation).toBe(1);
  });

  it('names the neighborhood when there is no address and shortens long descriptions', () => {
    const [point] = openRequestPoints(
      [
        request({
          address: null,
          neighborhood: { id: '00000000-0000-4000-8000-000000000099', code: 'NE', name: 'Northeast' },
          description: `${'word '.repeat(60)}end`,
          serviceCode: 'unknown_code',
        }),
      ],
      categoryName,
      formatDue,
    ).points;
    expect(point!.accessibleName).toMatch(/, unknown_code, New, priority P3, Northeast$/);
    const description = point!.popup.lines.at(-1)!;
    expect(description).toHaveLength(140);
    expect(description.endsWith('…')).toBe(true);
  });
});
