import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';

export type BoundaryGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** A neighborhood: the unit of accountability. Its boundary lives in versioned rows below. */
export const neighborhoods = pgTable(
  'neighborhoods',
  {
    id: idColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('neighborhoods_code_key').on(sql`upper(${table.code})`),
    check('neighborhoods_status_check', sql`${table.status} in ('active', 'retired')`),
  ],
);

/**
 * Boundary history: applying an import closes the current version (validTo) and adds the next.
 * The current boundary is the row with validTo null; older ones stay queryable forever.
 */
export const neighborhoodBoundaries = pgTable(
  'neighborhood_boundaries',
  {
    id: idColumn(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    versionNumber: integer('version_number').notNull(),
    geometry: jsonb('geometry').$type<BoundaryGeometry>().notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    areaSquareMeters: doublePrecision('area_square_meters').notNull(),
    validFrom: timestampColumn('valid_from').notNull().defaultNow(),
    validTo: timestampColumn('valid_to'),
    importId: uuid('import_id'),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('neighborhood_boundaries_version_key').on(table.neighborhoodId, table.versionNumber),
    uniqueIndex('neighborhood_boundaries_current_key')
      .on(table.neighborhoodId)
      .where(sql`${table.validTo} is null`),
  ],
);

/** Every boundary import, dry run or applied, with its report (who, when, what it found). */
export const boundaryImports = pgTable('boundary_imports', {
  id: idColumn(),
  dryRun: boolean('dry_run').notNull(),
  applied: boolean('applied').notNull().default(false),
  report: jsonb('report').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAtColumn(),
});

/**
 * The department's address points (E911 / GIS address file), keyed by the normalised address.
 * street is the canonical street key ('BURNSIDE AVE') used for interpolation and trigram search.
 */
export const addressPoints = pgTable(
  'address_points',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    addressKey: text('address_key').notNull(),
    address: text('address').notNull(),
    street: text('street').notNull(),
    houseNumber: text('house_number'),
    houseNumberValue: numeric('house_number_value', { mode: 'number' }),
    unit: text('unit'),
    zip: text('zip'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    source: text('source'),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    uniqueIndex('address_points_address_key_key').on(table.addressKey),
    index('address_points_street_idx').on(table.street, table.houseNumberValue),
    index('address_points_street_trgm_idx').using('gin', sql`${table.street} gin_trgm_ops`),
  ],
);
