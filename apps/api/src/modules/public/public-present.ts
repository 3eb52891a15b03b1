import type { PublicContact } from '@nsp/contracts';
import type { HundredBlock } from '../geocoding/index.ts';
import type { DirectoryNeighborhood, DirectoryPerson } from './public-directory.ts';
import type { Translator } from './text-store.ts';

/** What a person does for the neighborhood, as the public reads it. */
const roleKeys = {
  lieutenant: 'role.coordination-lieutenant',
  nro: 'role.nro',
  cso: 'role.cso',
} as const;

export function contactOf(
  person: DirectoryPerson,
  role: keyof typeof roleKeys,
  texts: Translator,
): PublicContact {
  return {
    name: person.name,
    title: person.title,
    role: texts.t(roleKeys[role]),
    phone: person.phone,
    email: person.email,
  };
}

export const neighborhoodRef = (neighborhood: Pick<DirectoryNeighborhood, 'id' | 'code' | 'name'>) => ({
  id: neighborhood.id,
  code: neighborhood.code,
  name: neighborhood.name,
});

/** "700 block of Main St" in the reader's language (the street alone when it has no numbers there). */
export function blockLabel(block: HundredBlock, texts: Translator): string {
  return block.block === null
    ? block.street
    : texts.t('locate.block-of', { block: block.block, street: block.street });
}

/** Where something is, as the public may see it: the block and the point standing for the block. */
export function publicLocation(block: HundredBlock | null, texts: Translator) {
  return block ? { label: blockLabel(block, texts), lat: round6(block.lat), lon: round6(block.lon) } : null;
}

/** Six decimals: about 10 cm, more than a block's middle needs, and no float noise in replies. */
export const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
