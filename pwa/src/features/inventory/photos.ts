/** Longest side of a stored photo, in pixels. */
export const MAX_PHOTO_SIDE = 1280;
/** The wire schema caps one image string at 2,000,000 characters. */
const MAX_DATA_URL_CHARS = 1_900_000;
export const MAX_PHOTOS = 30;

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  if ('createImageBitmap' in globalThis) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      // Some browsers cannot decode every type through createImageBitmap; fall back to <img>.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Turns a photo from the camera or gallery into a JPEG data URL no larger than 1280 px on its
 * longest side. Data URLs live inside the vehicle document, so photos taken offline are stored
 * locally and travel with the next sync.
 */
export async function photoToDataUrl(file: Blob, maxSide = MAX_PHOTO_SIDE): Promise<string> {
  const image = await decode(file);
  const w = image.width;
  const h = image.height;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  if ('close' in image) image.close();
  for (const quality of [0.82, 0.7, 0.55, 0.4]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= MAX_DATA_URL_CHARS) return url;
  }
  throw new Error('photo too large');
}
