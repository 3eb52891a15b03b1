import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import sharp from 'sharp';
import type { AttachmentStorageConfig } from '../../src/config.ts';

/**
 * Real storage for the attachment tests, never a mock: a temporary folder, or a local S3-compatible
 * server (s3rver, started here on a free port) with a fresh bucket.
 */
export async function startStorage(
  kind: 'local' | 's3',
): Promise<{ config: AttachmentStorageConfig; stop(): Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), `nsp-attachments-${kind}-`));
  if (kind === 'local') {
    return {
      config: { kind: 'local', directory },
      stop: () => rm(directory, { recursive: true, force: true }),
    };
  }
  const bucket = 'nsp-test-attachments';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as { port: number };
  return {
    config: {
      kind: 's3',
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${address.port}`,
      // s3rver's fixed development credentials.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A phone photo as phones send them: 60×30 pixels stored sideways with EXIF orientation 6 (turn 90°
 * clockwise), the GPS position of East Hartford, the camera's make, model and serial number.
 */
export function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Acme', Model: 'Phone 9', Artist: 'Maria Requester' },
      IFD2: { BodySerialNumber: 'SN-0042-7777' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '41/1 45/1 50/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '72/1 38/1 30/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export function plainPng(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
}

/** A minimal valid PDF. */
export const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A real executable (this machine's /bin/true). */
export const executable = () => readFile('/bin/true');
