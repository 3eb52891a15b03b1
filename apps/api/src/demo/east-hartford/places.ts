// Demo gazetteer: real public places of East Hartford, CT, at their real street addresses. The
// coordinates are not surveyed: each place stands at its address in the demo address book (see
// streets.ts), so a place and its address geocode to the same point and the same neighborhood.

import type { PlaceKind } from '@nsp/contracts';
import type { DemoAddressPoint } from './streets.ts';

export interface DemoPlace {
  name: string;
  aliases: string[];
  kind: PlaceKind;
  address: string;
}

export const DEMO_PLACES: readonly DemoPlace[] = [
  {
    name: 'Town Hall',
    aliases: ['East Hartford Town Hall', 'Town Hall of East Hartford'],
    kind: 'government',
    address: '740 Main St',
  },
  {
    name: 'Police Headquarters',
    aliases: ['East Hartford Police Department', 'EHPD', 'Police Station'],
    kind: 'police',
    address: '31 School St',
  },
  {
    name: 'Raymond Library',
    aliases: ['Raymond Memorial Library', 'East Hartford Public Library'],
    kind: 'library',
    address: '840 Main St',
  },
  {
    name: 'Rentschler Field',
    aliases: ['Pratt & Whitney Stadium at Rentschler Field', 'The Rent'],
    kind: 'venue',
    address: '615 Silver Ln',
  },
  {
    name: 'Goodwin College',
    aliases: ['Goodwin University'],
    kind: 'college',
    address: '1 Riverside Dr',
  },
  {
    name: 'Riverside Magnet School at Goodwin College',
    aliases: ['Riverside Magnet School'],
    kind: 'school',
    address: '29 Willowbrook Rd',
  },
  { name: 'East Hartford High School', aliases: ['EHHS'], kind: 'school', address: '869 Forbes St' },
  { name: 'East Hartford Middle School', aliases: ['EHMS'], kind: 'school', address: '777 Burnside Ave' },
  {
    name: 'Sunset Ridge School',
    aliases: ['Sunset Ridge Middle School'],
    kind: 'school',
    address: '450 Forbes St',
  },
  {
    name: 'Governor William Pitkin School',
    aliases: ['Pitkin School'],
    kind: 'school',
    address: '330 Hills St',
  },
  { name: "Robert J. O'Brien School", aliases: ["O'Brien School"], kind: 'school', address: '52 Farm Dr' },
  {
    name: 'Two Rivers Magnet Middle School',
    aliases: ['Two Rivers Magnet School'],
    kind: 'school',
    address: '337 East River Dr',
  },
  { name: 'Silver Lane School', aliases: [], kind: 'school', address: '15 Mercer Ave' },
  { name: 'Great River Park', aliases: [], kind: 'park', address: '301 East River Dr' },
];

/** The demo places with the coordinates of their addresses in the demo address book. */
export function demoPlaces(points: readonly DemoAddressPoint[]) {
  const byAddress = new Map(points.map((point) => [point.address, point]));
  return DEMO_PLACES.flatMap((place) => {
    const point = byAddress.get(place.address);
    return point ? [{ ...place, lat: point.lat, lon: point.lon }] : [];
  });
}
