import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type OutputInfo } from 'sharp';
import { UnsupportedMediaTypeError } from '../../lib/errors.ts';

/** What NSP keeps: images re-encoded without metadata, PDFs as sent. */
export const storedContentTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type StoredContentType = (typeof storedContentTypes)[number];

/** Detected from the bytes → what is stored. HEIC photos (iPhones) become JPEG when sharp can read them. */
const accepted: Record<string, { stored: StoredContentType; ext: string }> = {
  'image/jpeg': { stored: 'image/jpeg', ext: 'jpg' },
  'image/png': { stored: 'image/png', ext: 'png' },
  'image/webp': { stored: 'image/webp', ext: 'webp' },
  'image/heic': { stored: 'image/jpeg', ext: 'jpg' },
  'image/heif': { stored: 'image/jpeg', ext: 'jpg' },
  'application/pdf': { stored: 'application/pdf', ext: 'pdf' },
};

export const acceptedTypesSentence = 'JPEG, PNG, WebP or HEIC photos and PDF documents';

/** Pixels above this are refused before decoding (a "decompression bomb" of a small file). */
const maxInputPixels = 80_000_000;
const thumbnailSize = 320;

export interface ProcessedUpload {
  kind: 'image' | 'document';
  contentType: StoredContentType;
  fileName: string;
  body: Buffer;
  width: number | null;
  height: number | null;
  sha256: string;
  thumbnail: Buffer | null;
}

/**
 * Checks what the bytes are (never the name or the client's Content-Type) and makes the copy NSP
 * stores. Images are decoded and re-encoded by sharp: its output carries no EXIF, XMP, IPTC or ICC
 * data unless asked to (we never ask), so GPS positions and camera serials are gone from every copy;
 * `rotate()` first turns the pixels the way the EXIF orientation said, so the photo still stands
 * upright once the orientation tag is gone.
 */
export async function processUpload(input: Buffer, clientName: string | undefined): Promise<ProcessedUpload> {
  const detected = await fileTypeFromBuffer(input);
  const target = detected ? accepted[detected.mime] : undefined;
  if (!detected || !target) {
    throw new UnsupportedMediaTypeError(
      `The file is ${detected ? `${detected.mime}` : 'of a type NSP cannot recognise'}; NSP accepts ${acceptedTypesSentence}.`,
      { detectedType: detected?.mime ?? null },
    );
  }
  if (target.stored === 'application/pdf') {
    return {
      kind: 'document',
      contentType: 'application/pdf',
      fileName: sanitizeFileName(clientName, 'pdf'),
      body: input,
      width: null,
      height: null,
      sha256: sha256(input),
      thumbnail: null,
    };
  }

  let body: Buffer;
  let info: OutputInfo;
  try {
    const image = sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' }).rotate();
    const encoded =
      target.stored === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : target.stored === 'image/webp'
          ? image.webp({ quality: 85 })
          : image.jpeg({ quality: 85 });
    ({ data: body, info } = await encoded.toBuffer({ resolveWithObject: true }));
  } catch {
    throw new UnsupportedMediaTypeError(
      detected.mime === 'image/heic' || detected.mime === 'image/heif'
        ? 'This HEIC photo cannot be converted here; send it as JPEG (most phones offer "Most compatible").'
        : `The ${detected.ext.toUpperCase()} image is damaged or too large to open (at most ${maxInputPixels / 1_000_000} megapixels).`,
      { detectedType: detected.mime },
    );
  }
  // The thumbnail is made from the clean copy, so it cannot carry anything the copy does not.
  const thumbnail = await sharp(body)
    .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
  return {
    kind: 'image',
    contentType: target.stored,
    fileName: sanitizeFileName(clientName, target.ext),
    body,
    width: info.width,
    height: info.height,
    sha256: sha256(body),
    thumbnail,
  };
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * A name safe to show and to offer on download: no folders, no control or bidi characters, nothing a
 * shell or a Content-Disposition header would trip on, at most 120 characters, and the extension of
 * what the file really is ("photo.jpg.exe" that is a PNG becomes "photo.jpg.png").
 */
export function sanitizeFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/["*:<>?|;]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'attachment';
  const short = Array.from(stem).slice(0, 110).join('').trim() || 'attachment';
  return `${short}.${ext}`;
}
