import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, updatedAtColumn, versionColumn } from './columns.ts';

/**
 * The gazetteer: named places (Town Hall, schools, parks, stations) that geocode by name or alias.
 * `nameKey` is the normalised name (geocoding/places-index.ts `placeKeyOf`), unique, so an import
 * upserts by it; `aliasKeys` are the aliases' keys, kept so a lookup needs no normalising.
 */
export const places = pgTable(
  'places',
  {
    id: idColumn(),
    nameKey: text('name_key').notNull(),
    name: text('name').notNull(),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    aliasKeys: text('alias_keys').array().notNull().default(sql`'{}'::text[]`),
    kind: text('kind').notNull().default('other'),
    address: text('address'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    source: text('source'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('places_name_key_key').on(table.nameKey),
    check('places_name_key_check', sql`${table.nameKey} <> ''`),
    check('places_lat_check', sql`${table.lat} between -90 and 90`),
    check('places_lon_check', sql`${table.lon} between -180 and 180`),
    check(
      'places_kind_check',
      sql`${table.kind} in ('government', 'police', 'fire', 'school', 'college', 'library', 'park', 'station', 'venue', 'other')`,
    ),
  ],
);

export interface JurisdictionTownEntry {
  name: string;
  aliases: string[];
}

/**
 * The department's jurisdiction, one row (id = 1): its towns and villages (with the other spellings
 * residents use), ZIP codes and state. A missing row means nothing is configured and no address is
 * refused as outside.
 */
export const geocodingJurisdiction = pgTable(
  'geocoding_jurisdiction',
  {
    id: smallint('id').primaryKey().default(1),
    state: text('state'),
    towns: jsonb('towns').$type<JurisdictionTownEntry[]>().notNull().default(sql`'[]'::jsonb`),
    villages: jsonb('villages').$type<JurisdictionTownEntry[]>().notNull().default(sql`'[]'::jsonb`),
    zipCodes: text('zip_codes').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: updatedAtColumn(),
    updatedBy: uuid('updated_by'),
    version: versionColumn(),
  },
  (table) => [
    check('geocoding_jurisdiction_singleton_check', sql`${table.id} = 1`),
    check('geocoding_jurisdiction_state_check', sql`${table.state} is null or ${table.state} ~ '^[A-Z]{2}$'`),
    check(
      'geocoding_jurisdiction_lists_check',
      sql`jsonb_typeof(${table.towns}) = 'array' and jsonb_typeof(${table.villages}) = 'array'`,
    ),
    check(
      'geocoding_jurisdiction_zip_codes_check',
      sql`array_to_string(${table.zipCodes}, ',') ~ '^([0-9]{5}(,[0-9]{5})*)?$'`,
    ),
  ],
);
