import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AttachmentStorageConfig } from '../../config.ts';

/**
 * Where attachments' files live, behind one interface: a folder under NSP_DATA_DIR (one instance)
 * or an S3-compatible bucket (several instances share it). Keys are made by NSP (`<uuid>/<name>`),
 * never taken from a client, so no request can name a path.
 */
export interface AttachmentStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The stored bytes as a stream, or null when nothing is stored under the key. */
  get(key: string): Promise<{ body: Readable; size: number } | null>;
  /** Removes the file; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key (tests and housekeeping). */
  keys(): Promise<string[]>;
}

const keyPattern = /^[0-9a-f-]{36}\/[a-z0-9.]{1,40}$/;

function checkedKey(key: string): string {
  if (!keyPattern.test(key)) throw new Error('not an attachment storage key');
  return key;
}

export function createAttachmentStorage(config: AttachmentStorageConfig): AttachmentStorage {
  return config.kind === 'local' ? localStorage(config.directory) : s3Storage(config);
}

function localStorage(directory: string): AttachmentStorage {
  const fileOf = (key: string) => path.join(directory, ...checkedKey(key).split('/'));
  return {
    kind: 'local',
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Written beside, then renamed: a reader never sees half a file.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, body, { mode: 0o600 });
      await rename(partial, file);
    },
    async get(key) {
      const file = fileOf(key);
      try {
        const info = await stat(file);
        return { body: createReadStream(file), size: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      const file = fileOf(key);
      await rm(file, { force: true });
      // The attachment's folder goes with its last file.
      await rm(path.dirname(file), { recursive: false }).catch(() => undefined);
    },
    async keys() {
      const found: string[] = [];
      const folders = await readdir(directory).catch(() => [] as string[]);
      for (const folder of folders) {
        const files = await readdir(path.join(directory, folder)).catch(() => [] as string[]);
        for (const file of files) found.push(`${folder}/${file}`);
      }
      return found;
    },
  };
}

function s3Storage(config: Extract<AttachmentStorageConfig, { kind: 's3' }>): AttachmentStorage {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    forcePathStyle: config.forcePathStyle,
  });
  const Bucket = config.bucket;
  return {
    kind: 's3',
    async put(key, body, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: checkedKey(key), Body: body, ContentType: contentType }),
      );
    },
    async get(key) {
      try {
        const reply = await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }));
        return { body: reply.Body as Readable, size: reply.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkedKey(key) }));
    },
    async keys() {
      const found: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }));
        for (const item of page.Contents ?? []) if (item.Key) found.push(item.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found;
    },
  };
}
