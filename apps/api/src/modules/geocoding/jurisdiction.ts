import type { NormalizedAddress } from './address-normalizer.ts';
import { FuzzyNames } from './fuzzy-names.ts';

export interface JurisdictionNames {
  state: string | null;
  towns: ReadonlyArray<{ name: string; aliases: readonly string[] }>;
  villages: ReadonlyArray<{ name: string; aliases: readonly string[] }>;
  zipCodes: readonly string[];
}

export interface JurisdictionCheck {
  status: 'inside' | 'outside' | 'not_stated' | 'unchecked';
  town: string | null;
  zip: string | null;
}

/** Town names as the normaliser reads them: upper case, punctuation gone, single spaces. */
export function townKeyOf(name: string): string {
  return name
    .toUpperCase()
    .replace(/['’`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const DIRECTION_WORDS: ReadonlyMap<string, string> = new Map([
  ['EAST', 'E'],
  ['WEST', 'W'],
  ['NORTH', 'N'],
  ['SOUTH', 'S'],
]);
/** A one-letter slip in a town name is forgiven from this length on ('EAST HARFORD'). */
const MIN_LETTERS_FOR_TOWN_SLIP = 6;

/**
 * The department's own names (towns with their aliases, villages, ZIP codes, state), kept by the
 * administrator as data. An address that states a town, ZIP or state tells whether it is inside:
 *  - any town/village or ZIP of the jurisdiction stated → inside (residents often write the big
 *    neighbour's name with the right ZIP, or the right town with an old ZIP);
 *  - otherwise a stated town, ZIP or state that is not the jurisdiction's → outside, and the
 *    geocoder matches no street (a same-named street in town is not that address);
 *  - nothing stated → not_stated; no towns and no ZIPs configured → unchecked (nothing refused).
 */
export class JurisdictionRules {
  /** Every name and alias, for the normaliser to recognise after a street without a comma. */
  readonly knownCities: readonly string[];
  private readonly names = new Set<string>();
  private readonly fuzzy = new FuzzyNames<string>();
  private readonly zips: ReadonlySet<string>;
  private readonly state: string | null;
  readonly displayName: string | null;

  static readonly none = new JurisdictionRules({ state: null, towns: [], villages: [], zipCodes: [] });

  constructor(settings: JurisdictionNames) {
    for (const entry of [...settings.towns, ...settings.villages]) {
      for (const name of [entry.name, ...entry.aliases]) {
        const key = townKeyOf(name);
        if (key === '') continue;
        for (const variant of withDirectionAbbreviated(key)) {
          this.names.add(variant);
          if (variant.replace(/[^\p{L}]/gu, '').length >= MIN_LETTERS_FOR_TOWN_SLIP)
            this.fuzzy.add(variant, variant);
        }
      }
    }
    this.knownCities = [...this.names];
    this.zips = new Set(settings.zipCodes);
    this.state = settings.state;
    this.displayName = settings.towns[0]?.name ?? null;
  }

  get configured(): boolean {
    return this.names.size > 0 || this.zips.size > 0;
  }

  check(address: Pick<NormalizedAddress, 'city' | 'zip' | 'state'>): JurisdictionCheck {
    const town = address.city;
    const zip = address.zip;
    if (!this.configured) return { status: 'unchecked', town, zip };
    const townInside = town !== null && this.isOwnTown(town);
    const zipInside = zip !== null && this.zips.has(zip);
    if (townInside || zipInside) {
      const stateOutside = address.state !== null && this.state !== null && address.state !== this.state;
      return { status: stateOutside ? 'outside' : 'inside', town, zip };
    }
    const townOutside = town !== null && this.names.size > 0;
    const zipOutside = zip !== null && this.zips.size > 0;
    const stateOutside = address.state !== null && this.state !== null && address.state !== this.state;
    if (townOutside || zipOutside || stateOutside) return { status: 'outside', town, zip };
    return { status: 'not_stated', town, zip };
  }

  /** Why an address is refused, for the reply's `reason`. */
  outsideReason(check: JurisdictionCheck): string {
    const stated = [check.town, check.zip].filter(Boolean).join(' ');
    const ours = this.displayName ? ` (${this.displayName})` : '';
    return `The address is in ${stated || 'another state'}, outside the department's jurisdiction${ours}; no street was matched.`;
  }

  private isOwnTown(town: string): boolean {
    const key = townKeyOf(town);
    if (this.names.has(key)) return true;
    return (
      key.replace(/[^\p{L}]/gu, '').length >= MIN_LETTERS_FOR_TOWN_SLIP && this.fuzzy.within1(key).size > 0
    );
  }
}

/** 'EAST HARTFORD' is also written 'E HARTFORD'. */
function withDirectionAbbreviated(key: string): string[] {
  const [first, ...rest] = key.split(' ');
  const short = first ? DIRECTION_WORDS.get(first) : undefined;
  return short && rest.length > 0 ? [key, [short, ...rest].join(' ')] : [key];
}
