import type { PlaceKind } from '@nsp/contracts';
import { FuzzyNames } from './fuzzy-names.ts';
import { trigramSimilarity, trigramsOf } from './trigram.ts';

/** One gazetteer entry as the index loads it. */
export interface PlaceRecord {
  id: string;
  name: string;
  aliases: string[];
  kind: PlaceKind;
  address: string | null;
  lat: number;
  lon: number;
}

/** A name one slip away is taken from this length on ('Goodwin Colege'); shorter ones must be exact. */
const MIN_LETTERS_FOR_SLIP = 7;
const MIN_CANDIDATE_SCORE = 0.45;

/**
 * The key a place name is matched by: upper case, '&' read as AND, apostrophes and other punctuation
 * gone, a leading 'THE' dropped ("the Town Hall" is "TOWN HALL"). Import and lookup both use it, so a
 * name's key is unique in the gazetteer.
 */
export function placeKeyOf(text: string): string {
  return text
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^THE /, '');
}

/** The named places in memory, by name and alias key, with one-slip matching for long names. */
export class PlaceIndex {
  private readonly byKey = new Map<string, PlaceRecord>();
  private readonly fuzzy = new FuzzyNames<PlaceRecord>();
  private readonly records: readonly PlaceRecord[];
  private readonly trigrams = new Map<PlaceRecord, Array<Set<string>>>();

  static readonly empty = new PlaceIndex([]);

  constructor(records: readonly PlaceRecord[]) {
    this.records = records;
    for (const record of records) {
      this.trigrams.set(
        record,
        [record.name, ...record.aliases].map((name) => trigramsOf(placeKeyOf(name))),
      );
      for (const name of [record.name, ...record.aliases]) {
        const key = placeKeyOf(name);
        if (key === '' || this.byKey.has(key)) continue;
        this.byKey.set(key, record);
        if (key.replace(/[^\p{L}]/gu, '').length >= MIN_LETTERS_FOR_SLIP) this.fuzzy.add(key, record);
      }
    }
  }

  get size(): number {
    return this.records.length;
  }

  /** The place named exactly (by name or alias) by one of the texts. */
  exact(texts: readonly string[]): PlaceRecord | null {
    for (const text of texts) {
      const place = this.byKey.get(placeKeyOf(text));
      if (place) return place;
    }
    return null;
  }

  /** The one place a long name one slip away from a text names; null when none or several. */
  oneSlipAway(texts: readonly string[]): PlaceRecord | null {
    for (const text of texts) {
      const key = placeKeyOf(text);
      if (key.replace(/[^\p{L}]/gu, '').length < MIN_LETTERS_FOR_SLIP) continue;
      const found = this.fuzzy.within1(key);
      if (found.size === 1) return [...found.keys()][0]!;
    }
    return null;
  }

  /** Places whose names look like the text (for candidates). */
  similar(text: string, limit = 3): Array<{ place: PlaceRecord; score: number }> {
    if (this.records.length === 0) return [];
    const wanted = trigramsOf(placeKeyOf(text));
    const scored: Array<{ place: PlaceRecord; score: number }> = [];
    for (const record of this.records) {
      let best = 0;
      for (const names of this.trigrams.get(record) ?? [])
        best = Math.max(best, trigramSimilarity(wanted, names));
      if (best >= MIN_CANDIDATE_SCORE) scored.push({ place: record, score: best });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

/** How a place reads as a one-line address in a reply: 'Town Hall, 740 Main St'. */
export function placeLabel(place: Pick<PlaceRecord, 'name' | 'address'>): string {
  return place.address ? `${place.name}, ${place.address}` : place.name;
}
