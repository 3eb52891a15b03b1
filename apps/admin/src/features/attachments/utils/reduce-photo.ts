/**
 * A photo from the phone's camera, made small enough to send on a weak signal: the longest side at
 * most 1600 px (plenty for a pothole or a tag on a wall, and what the server's viewer shows), as a
 * JPEG. A 12-megapixel camera shot of 3-5 MB becomes about 200-400 KB. Re-encoding also drops the
 * camera's EXIF data (location, device) before it leaves the phone; the server strips it too.
 *
 * The original is sent unchanged when the browser cannot decode it (HEIC outside Safari: the
 * server converts those), when it is already small, or when the reduced copy would not be smaller.
 */
export const PHOTO_MAX_SIDE = 1600;
const JPEG_QUALITY = 0.82;
/** A photo within the size limit and under this many bytes is sent as it is. */
const SMALL_ENOUGH_BYTES = 700 * 1024;

/** The size to draw at: the longest side at most `maxSide`, the proportions kept. */
export function reducedSize(width: number, height: number, maxSide = PHOTO_MAX_SIDE) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scaled: scale < 1,
  };
}

/** `IMG_2041.HEIC` → `IMG_2041.jpg`; a camera's nameless `image.jpg` keeps its name. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]+$/, '') || 'photo';
  return `${base}.jpg`;
}

export async function reducePhoto(file: File): Promise<File> {
  if (!file.type.startsWith('image/')) return file;
  let bitmap: ImageBitmap;
  try {
    // Turned upright as the camera meant it (EXIF orientation), before the EXIF data goes.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const size = reducedSize(bitmap.width, bitmap.height);
    if (!size.scaled && file.size <= SMALL_ENOUGH_BYTES) return file;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
    );
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}
