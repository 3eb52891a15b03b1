import { randomUUID } from 'node:crypto';
import { and, asc, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Database } from '../db/client.ts';
import { attachments, serviceRequests } from '../db/schema/index.ts';
import { processUpload } from '../modules/attachments/process-upload.ts';
import type { AttachmentStorage } from '../modules/attachments/storage.ts';

/** A drawn stand-in for a resident's photo: a wall, a car or a lot, with a coloured mark. */
function demoPicture(scene: 'graffiti' | 'vehicle' | 'blight', label: string): Promise<Buffer> {
  const shapes = {
    graffiti: `<rect x="0" y="0" width="640" height="480" fill="#b9a58f"/><path d="M80 300 C160 120 260 380 360 180 S540 260 580 140" stroke="#c2185b" stroke-width="26" fill="none"/>`,
    vehicle: `<rect x="0" y="0" width="640" height="480" fill="#9fb3c8"/><rect x="0" y="330" width="640" height="150" fill="#555"/><rect x="150" y="230" width="340" height="110" rx="30" fill="#7a1f1f"/><circle cx="220" cy="345" r="34" fill="#222"/><circle cx="420" cy="345" r="34" fill="#222"/>`,
    blight: `<rect x="0" y="0" width="640" height="480" fill="#a7b98a"/><rect x="160" y="150" width="320" height="220" fill="#6d5d4b"/><rect x="210" y="200" width="70" height="60" fill="#222"/><rect x="360" y="200" width="70" height="60" fill="#222"/>`,
  }[scene];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">${shapes}<text x="20" y="460" font-family="sans-serif" font-size="22" fill="#fff">${label}</text></svg>`;
  // Like a phone photo: a position and a camera in the EXIF, which the upload path must remove.
  return sharp(Buffer.from(svg))
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'DemoPhone', Model: 'Demo 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '41/1 45/1 50/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '72/1 38/1 30/1',
      },
    })
    .toBuffer();
}

const minutesPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length 74>>stream\nBT /F1 18 Tf 72 700 Td (Public Works work order: graffiti removal) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * A few photos and a document on demo requests (graffiti, an abandoned car, a blighted property),
 * stored through the same cleaning path as uploads. Some are residents' photos, one is public.
 * Does nothing when any attachment exists.
 */
export async function seedDemoAttachments(
  db: Database,
  storage: AttachmentStorage,
): Promise<Record<string, number>> {
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(attachments);
  if ((existing?.count ?? 0) > 0) return { attachments: 0 };
  const requests = await db
    .select({
      id: serviceRequests.id,
      serviceCode: serviceRequests.serviceCode,
      status: serviceRequests.status,
    })
    .from(serviceRequests)
    .where(and(inArray(serviceRequests.serviceCode, ['graffiti', 'abandoned-vehicle', 'blight-property'])))
    .orderBy(asc(serviceRequests.createdAt))
    .limit(30);
  const pick = (code: string, index: number) => requests.filter((r) => r.serviceCode === code)[index];
  const plan: Array<{
    request: { id: string } | undefined;
    file: () => Promise<Buffer>;
    name: string;
    source: 'staff' | 'requester';
    visibility: 'internal' | 'public';
    caption: string | null;
  }> = [
    {
      request: pick('graffiti', 0),
      file: () => demoPicture('graffiti', 'Tag on the wall behind the store'),
      name: 'IMG_2041.jpg',
      source: 'requester',
      visibility: 'public',
      caption: 'Tag on the wall behind the store',
    },
    {
      request: pick('graffiti', 0),
      file: async () => minutesPdf,
      name: 'Work order 24-118.pdf',
      source: 'staff',
      visibility: 'internal',
      caption: 'Public Works work order',
    },
    {
      request: pick('graffiti', 1),
      file: () => demoPicture('graffiti', 'Fence along the park'),
      name: 'fence.jpg',
      source: 'requester',
      visibility: 'internal',
      caption: null,
    },
    {
      request: pick('abandoned-vehicle', 0),
      file: () => demoPicture('vehicle', 'Red sedan, no plates'),
      name: 'car.jpg',
      source: 'requester',
      visibility: 'internal',
      caption: 'Parked for two weeks, no plates',
    },
    {
      request: pick('blight-property', 0),
      file: () => demoPicture('blight', 'Boarded-up house'),
      name: 'house.jpg',
      source: 'staff',
      visibility: 'internal',
      caption: 'Photo taken by the NRO on patrol',
    },
  ];
  let count = 0;
  for (const item of plan) {
    if (!item.request) continue;
    const processed = await processUpload(await item.file(), item.name);
    const id = randomUUID();
    const storageKey = `${id}/${processed.kind}.${processed.fileName.split('.').pop()}`;
    const thumbnailKey = processed.thumbnail ? `${id}/thumbnail.jpg` : null;
    await storage.put(storageKey, processed.body, processed.contentType);
    if (thumbnailKey && processed.thumbnail)
      await storage.put(thumbnailKey, processed.thumbnail, 'image/jpeg');
    await db.insert(attachments).values({
      id,
      ownerKind: 'service_request',
      ownerId: item.request.id,
      kind: processed.kind,
      contentType: processed.contentType,
      fileName: processed.fileName,
      byteSize: processed.body.length,
      width: processed.width,
      height: processed.height,
      sha256: processed.sha256,
      storageKey,
      thumbnailKey,
      visibility: processed.kind === 'image' ? item.visibility : 'internal',
      source: item.source,
      caption: item.caption,
      uploadedByType: 'system',
      uploadedById: null,
      uploadedByName: 'Demo data',
    });
    count += 1;
  }
  return { attachments: count };
}
