import { and, eq } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditLog } from '../../src/db/schema/index.ts';
import { retentionJobName } from '../../src/modules/service-requests/jobs/job-definitions.ts';
import { executable, photoWithGps, plainPng, startStorage, tinyPdf } from '../support/attachment-files.ts';
import { createApiClient } from '../support/factories/api-clients.ts';
import { insertNeighborhood, insertServiceRequest, insertServiceType } from '../support/factories/index.ts';
import { type Users, usersByRole } from '../support/factories/users.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

const maxBytes = 256 * 1024;
const day = 86_400_000;

/** Reads any reply body as bytes. */
function binary(response: supertest.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The EXIF/XMP/IPTC a parser finds, or null when there is none at all. */
async function metadataIn(bytes: Buffer) {
  return (
    (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: false })) ??
    null
  );
}

// The same suite runs against a folder and against a real S3-compatible server (Done when 3).
describe.each(['local', 's3'] as const)('attachments stored in %s storage', (storageKind) => {
  let t: TestApp;
  let stopStorage: () => Promise<void>;
  let users: Users;
  let serviceCode: string;
  let readerKey: string;
  let writerKey: string;

  beforeAll(async () => {
    const storage = await startStorage(storageKind);
    stopStorage = storage.stop;
    t = await startTestApp({
      config: { attachmentStorage: storage.config, attachmentMaxBytes: maxBytes, runJobs: true },
    });
    users = await usersByRole(t);
    serviceCode = await insertServiceType(t.database.db);
    readerKey = await createApiClient(t, users.admin, ['requests:read']);
    writerKey = await createApiClient(t, users.admin, ['requests:write']);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stopStorage?.();
  });

  const newRequest = (
    columns: Parameters<typeof insertServiceRequest>[1] extends infer O ? Partial<O> : never = {},
  ) => insertServiceRequest(t.database.db, { serviceCode, ...columns });

  function upload(
    requestId: string,
    headers: Record<string, string>,
    file: Buffer,
    fileName: string,
    fields: Record<string, string> = {},
    contentType = 'image/jpeg',
  ) {
    let call = t.http.post(`/api/v1/service-requests/${requestId}/attachments`).set(headers);
    for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
    return call.attach('file', file, { filename: fileName, contentType });
  }

  const download = (path: string, headers: Record<string, string> = {}) =>
    t.http.get(path).set(headers).buffer(true).parse(binary);

  const storedKeys = () => t.app.attachmentStorage.keys();

  it('removes GPS and every other EXIF datum from every copy anyone can download, and keeps the photo upright', async () => {
    const original = await photoWithGps();
    // The test photo really carries what must go.
    const before = await metadataIn(original);
    expect(before).toMatchObject({ Make: 'Acme', SerialNumber: 'SN-0042-7777' });
    expect(before?.latitude).toBeCloseTo(41.7639, 3);
    expect((await sharp(original).metadata()).orientation).toBe(6);

    const request = await newRequest();
    const created = await upload(request.id, bearer(users.staff), original, 'IMG_0042.JPG', {
      source: 'requester',
      caption: 'Graffiti on the garage door',
    }).expect(201);
    expect(created.body).toMatchObject({
      kind: 'image',
      contentType: 'image/jpeg',
      fileName: 'IMG_0042.jpg',
      width: 30,
      height: 60,
      visibility: 'internal',
      source: 'requester',
      caption: 'Graffiti on the garage door',
    });
    expect(created.headers.location).toBe(`/api/v1/attachments/${created.body.id}`);
    const id = created.body.id as string;

    // Staff make it public, so it can be downloaded by every role, integrations and the public.
    await t.http
      .patch(`/api/v1/attachments/${id}`)
      .set(bearer(users.lieutenant))
      .send({ visibility: 'public' })
      .expect(200);

    const copies: Array<[string, supertest.Response]> = [];
    for (const role of ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
      copies.push([
        `${role} file`,
        await download(`/api/v1/attachments/${id}`, bearer(users[role])).expect(200),
      ]);
      copies.push([
        `${role} thumbnail`,
        await download(`/api/v1/attachments/${id}/thumbnail`, bearer(users[role])).expect(200),
      ]);
    }
    copies.push([
      'integration',
      await download(`/api/v1/attachments/${id}`, { 'x-api-key': readerKey }).expect(200),
    ]);
    copies.push(['public', await download(`/api/v1/public/attachments/${id}`).expect(200)]);
    copies.push([
      'download',
      await download(`/api/v1/attachments/${id}?download=true`, bearer(users.staff)).expect(200),
    ]);

    for (const [who, reply] of copies) {
      const bytes = reply.body as Buffer;
      expect(bytes.length, who).toBeGreaterThan(100);
      expect(await metadataIn(bytes), who).toBeNull();
      expect(bytes.includes(Buffer.from('SN-0042-7777')), who).toBe(false);
      expect(bytes.includes(Buffer.from('Acme')), who).toBe(false);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, who).toBeUndefined();
      expect(meta.xmp, who).toBeUndefined();
      // Upright: the 60×30 sensor image turned a quarter clockwise, with no orientation tag left to apply.
      expect(meta.orientation, who).toBeUndefined();
      expect(meta.height, who).toBeGreaterThan(meta.width!);
      expect(reply.headers['x-content-type-options'], who).toBe('nosniff');
      expect(reply.headers['content-type'], who).toBe('image/jpeg');
    }
    expect(copies[0]![1].headers['content-disposition']).toBe(
      `inline; filename="IMG_0042.jpg"; filename*=UTF-8''IMG_0042.jpg`,
    );
    expect(copies.at(-1)![1].headers['content-disposition']).toMatch(/^attachment; filename="IMG_0042.jpg"/);

    // The stored copies themselves (what a backup or a storage administrator sees) are clean too.
    const keys = (await storedKeys()).filter((key) => key.startsWith(id));
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const stored = await t.app.attachmentStorage.get(key);
      const chunks: Buffer[] = [];
      for await (const chunk of stored!.body) chunks.push(chunk as Buffer);
      expect(await metadataIn(Buffer.concat(chunks))).toBeNull();
    }
  });

  it('refuses an executable named photo.jpg with 415 and a file over the limit with 413, leaving nothing stored', async () => {
    const request = await newRequest();
    const keysBefore = (await storedKeys()).sort();

    const exe = await upload(request.id, bearer(users.staff), await executable(), 'photo.jpg').expect(415);
    expect(exe.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(exe.body).toMatchObject({
      status: 415,
      type: '/problems/unsupported-media-type',
      detectedType: 'application/x-elf',
    });

    const text = await upload(
      request.id,
      bearer(users.staff),
      Buffer.from('just words, no picture'),
      'photo.jpg',
    ).expect(415);
    expect(text.body.detail).toContain('JPEG, PNG, WebP or HEIC photos and PDF documents');

    // Not multipart at all.
    const json = await t.http
      .post(`/api/v1/service-requests/${request.id}/attachments`)
      .set(bearer(users.staff))
      .send({ file: 'x' })
      .expect(415);
    expect(json.body.status).toBe(415);

    const big = Buffer.concat([await photoWithGps(), Buffer.alloc(maxBytes + 1024, 7)]);
    const tooLarge = await upload(request.id, bearer(users.staff), big, 'big.jpg').expect(413);
    expect(tooLarge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooLarge.body).toMatchObject({ status: 413, type: '/problems/payload-too-large', maxBytes });
    expect(tooLarge.body.detail).toContain('0.3 MB');

    // No file field: 400 naming it.
    const missing = await t.http
      .post(`/api/v1/service-requests/${request.id}/attachments`)
      .set(bearer(users.staff))
      .field('caption', 'no file')
      .expect(400);
    expect(missing.body.errors).toEqual([{ path: 'file', message: 'is required', in: 'body' }]);

    expect((await storedKeys()).sort()).toEqual(keysBefore);
    const rows = await t.database.db.select().from(attachments).where(eq(attachments.ownerId, request.id));
    expect(rows).toHaveLength(0);
  });

  it('keeps PNG as PNG and PDFs as sent; the type comes from the bytes, never the name or header', async () => {
    const request = await newRequest();
    // A PNG called .jpg and sent as image/jpeg is stored, named and served as the PNG it is.
    const png = await upload(
      request.id,
      bearer(users.staff),
      await plainPng(),
      '../../etc/passwd.jpg',
    ).expect(201);
    expect(png.body).toMatchObject({ contentType: 'image/png', fileName: 'passwd.png', width: 8, height: 8 });
    const pdf = await upload(
      request.id,
      bearer(users.staff),
      tinyPdf,
      'minutes <final>.pdf',
      {},
      'text/html',
    ).expect(201);
    expect(pdf.body).toMatchObject({
      kind: 'document',
      contentType: 'application/pdf',
      fileName: 'minutes _final_.pdf',
      thumbnailUrl: null,
    });
    const served = await download(pdf.body.url, bearer(users.staff)).expect(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(served.body as Buffer, tinyPdf)).toBe(0);
    // Documents never become public.
    await t.http
      .patch(`/api/v1/attachments/${pdf.body.id}`)
      .set(bearer(users.staff))
      .send({ visibility: 'public' })
      .expect(409);
  });

  it('shows residents’ photos to staff roles only until staff make them public', async () => {
    const request = await newRequest();
    const photo = await upload(request.id, bearer(users.staff), await plainPng(), 'car.png').expect(201);
    const id = photo.body.id as string;
    const list = (headers: Record<string, string>) =>
      t.http.get(`/api/v1/service-requests/${request.id}/attachments`).set(headers);

    expect(
      (await list(bearer(users.lieutenant)).expect(200)).body.items.map((a: { id: string }) => a.id),
    ).toEqual([id]);
    expect((await list(bearer(users.analyst)).expect(200)).body.items).toEqual([]);
    expect((await list({ 'x-api-key': readerKey }).expect(200)).body.items).toEqual([]);
    await download(`/api/v1/attachments/${id}`, bearer(users.analyst)).expect(404);
    await download(`/api/v1/attachments/${id}`, { 'x-api-key': readerKey }).expect(404);
    await download(`/api/v1/public/attachments/${id}`).expect(404);
    await download(`/api/v1/attachments/${id}`).expect(401);

    await t.http
      .patch(`/api/v1/attachments/${id}`)
      .set(bearer(users.staff))
      .send({ visibility: 'public' })
      .expect(200);
    expect((await list(bearer(users.analyst)).expect(200)).body.items).toHaveLength(1);
    expect((await list({ 'x-api-key': readerKey }).expect(200)).body.items).toHaveLength(1);
    const open = await download(`/api/v1/public/attachments/${id}`).expect(200);
    expect(open.headers['cache-control']).toBe('public, max-age=60');
    const { publicMediaOf } = await import('../../src/modules/attachments/index.ts');
    expect((await publicMediaOf(t.database.db, [request.id])).get(request.id)).toEqual([
      `/api/v1/public/attachments/${id}`,
    ]);

    await t.http
      .patch(`/api/v1/attachments/${id}`)
      .set(bearer(users.staff))
      .send({ visibility: 'internal' })
      .expect(200);
    await download(`/api/v1/public/attachments/${id}`).expect(404);
  });

  it('takes files on SARA cases and meetings: everyone who reads them sees them, staff roles attach, nobody outside', async () => {
    const neighborhood = await insertNeighborhood(t.database.db);
    const saraCase = await t.http
      .post('/api/v1/sara-cases')
      .set(bearer(users.admin))
      .send({ title: 'Litter behind the plaza', neighborhoodId: neighborhood.id })
      .expect(201);
    const meeting = await t.http
      .post('/api/v1/meetings')
      .set(bearer(users.admin))
      .send({
        neighborhoodId: neighborhood.id,
        kind: 'community_meeting',
        title: 'Plaza meeting',
        startsAt: new Date(Date.now() + 7 * day).toISOString(),
      })
      .expect(201);
    const photo = await photoWithGps();
    for (const path of [`/api/v1/sara-cases/${saraCase.body.id}`, `/api/v1/meetings/${meeting.body.id}`]) {
      const attach = (headers: Record<string, string>) =>
        t.http
          .post(`${path}/attachments`)
          .set(headers)
          .attach('file', photo, { filename: 'scene.jpg', contentType: 'image/jpeg' });
      await attach(bearer(users.analyst)).expect(403);
      await attach({ 'x-api-key': writerKey }).expect(403);
      await attach({}).expect(401);
      const added = await attach(bearer(users.staff)).expect(201);
      const listed = await t.http.get(`${path}/attachments`).set(bearer(users.analyst)).expect(200);
      expect(JSON.stringify(listed.body)).toContain(added.body.id);
      const copy = await download(`/api/v1/attachments/${added.body.id}`, bearer(users.analyst)).expect(200);
      expect(await metadataIn(copy.body)).toBeFalsy();
      await t.http.get(`${path}/attachments`).set({ 'x-api-key': readerKey }).expect(403);
      // Working material is never public.
      await download(`/api/v1/public/attachments/${added.body.id}`).expect(404);
      await t.http
        .patch(`/api/v1/attachments/${added.body.id}`)
        .set(bearer(users.staff))
        .send({ visibility: 'public' })
        .expect((reply) => expect(reply.status).toBeGreaterThanOrEqual(400));
    }
    await t.http
      .post('/api/v1/sara-cases/00000000-0000-4000-8000-000000000000/attachments')
      .set(bearer(users.staff))
      .attach('file', photo, { filename: 'scene.jpg', contentType: 'image/jpeg' })
      .expect(404);
  });

  it('lets only staff roles and request-writing integrations attach, and only staff roles change or remove', async () => {
    const request = await newRequest();
    const png = await plainPng();
    await upload(request.id, bearer(users.analyst), png, 'a.png').expect(403);
    await upload(request.id, { 'x-api-key': readerKey }, png, 'a.png').expect(403);
    await upload(request.id, {}, png, 'a.png').expect(401);
    const filed = await upload(request.id, { 'x-api-key': writerKey }, png, 'a.png', {
      source: 'staff',
    }).expect(201);
    // Whatever an integration sends comes from a resident.
    expect(filed.body.source).toBe('requester');
    await t.http
      .patch(`/api/v1/attachments/${filed.body.id}`)
      .set(bearer(users.analyst))
      .send({ caption: 'x' })
      .expect(403);
    await t.http.delete(`/api/v1/attachments/${filed.body.id}`).set(bearer(users.analyst)).expect(403);
    await t.http.delete(`/api/v1/attachments/${filed.body.id}`).set({ 'x-api-key': writerKey }).expect(403);
    await upload('00000000-0000-4000-8000-000000000000', bearer(users.staff), png, 'a.png').expect(404);
    const badCaption = await upload(request.id, bearer(users.staff), png, 'a.png', {
      caption: 'x'.repeat(501),
    }).expect(400);
    expect(badCaption.body.errors[0]).toMatchObject({ path: 'caption' });
  });

  it('removes an attachment’s files and keeps a record of the removal', async () => {
    const request = await newRequest();
    const photo = await upload(request.id, bearer(users.staff), await photoWithGps(), 'door.jpg').expect(201);
    const id = photo.body.id as string;
    expect((await storedKeys()).filter((key) => key.startsWith(id))).toHaveLength(2);

    await t.http.delete(`/api/v1/attachments/${id}`).set(bearer(users.supervisor)).expect(204);
    expect((await storedKeys()).filter((key) => key.startsWith(id))).toEqual([]);
    await download(`/api/v1/attachments/${id}`, bearer(users.admin)).expect(404);
    await t.http.delete(`/api/v1/attachments/${id}`).set(bearer(users.supervisor)).expect(404);
    const list = await t.http
      .get(`/api/v1/service-requests/${request.id}/attachments`)
      .set(bearer(users.staff))
      .expect(200);
    expect(list.body.items).toEqual([]);

    const [row] = await t.database.db.select().from(attachments).where(eq(attachments.id, id));
    expect(row).toMatchObject({
      deletedReason: 'removed',
      deletedById: users.supervisor.id,
      fileName: 'door.jpg',
    });
    expect(row!.purgedAt).toBeInstanceOf(Date);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'attachment.removed')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: users.supervisor.id,
      before: { fileName: 'door.jpg', ownerId: request.id },
    });
  });

  it('retention removes a resident’s photos together with their contact data, and keeps staff’s own', async () => {
    const old = new Date(Date.now() - 800 * day);
    const request = await newRequest({ status: 'closed', closedAt: old, updatedAt: old });
    const resident = await upload(request.id, bearer(users.staff), await photoWithGps(), 'my car.jpg', {
      source: 'requester',
    }).expect(201);
    const staffPhoto = await upload(
      request.id,
      bearer(users.staff),
      await plainPng(),
      'after cleanup.png',
    ).expect(201);
    await t.http
      .patch(`/api/v1/attachments/${resident.body.id}`)
      .set(bearer(users.staff))
      .send({ visibility: 'public' })
      .expect(200);
    const recent = await newRequest({ status: 'closed', closedAt: new Date(), updatedAt: new Date() });
    const kept = await upload(recent.id, bearer(users.staff), await plainPng(), 'kept.png', {
      source: 'requester',
    }).expect(201);

    const result = await t.app.jobs!.runNow(retentionJobName);
    expect(result).toMatchObject({ attachmentFilesPurged: expect.any(Number) });
    expect(result.attachmentsRemoved).toBeGreaterThanOrEqual(1);

    const rows = await t.database.db.select().from(attachments).where(eq(attachments.ownerId, request.id));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(resident.body.id)).toMatchObject({
      deletedReason: 'retention',
      fileName: 'removed.bin',
      caption: null,
      visibility: 'internal',
    });
    expect(byId.get(resident.body.id)!.purgedAt).toBeInstanceOf(Date);
    expect(byId.get(staffPhoto.body.id)!.deletedAt).toBeNull();

    const keys = await storedKeys();
    expect(keys.filter((key) => key.startsWith(resident.body.id))).toEqual([]);
    expect(keys.filter((key) => key.startsWith(staffPhoto.body.id))).toHaveLength(2);
    expect(keys.filter((key) => key.startsWith(kept.body.id))).toHaveLength(2);
    await download(`/api/v1/public/attachments/${resident.body.id}`).expect(404);
    await download(`/api/v1/attachments/${resident.body.id}`, bearer(users.admin)).expect(404);
    // No log line carries the photo's name.
    expect(t.logLines.join('\n')).not.toContain('my car');
  });
});
