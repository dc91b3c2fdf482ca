import { normalizeVin } from '@lotbook/shared';

/** The Shape Detection API's barcode detector (Chrome on Android, some desktops); not in lib.dom. */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorCtor {
  new (opts?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** VIN labels use Code 39 (door jamb), Code 128, Data Matrix or QR (registration papers). */
const VIN_FORMATS = ['code_39', 'code_128', 'data_matrix', 'qr_code', 'pdf417'];

function detectorCtor(): BarcodeDetectorCtor | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  return typeof ctor === 'function' ? ctor : null;
}

export function canScanBarcodes(): boolean {
  return detectorCtor() !== null && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

export async function createVinDetector(): Promise<BarcodeDetectorLike | null> {
  const Ctor = detectorCtor();
  if (!Ctor) return null;
  const supported = await Ctor.getSupportedFormats().catch(() => [] as string[]);
  const formats = VIN_FORMATS.filter((f) => supported.includes(f));
  return formats.length > 0 ? new Ctor({ formats }) : null;
}

/**
 * Finds a VIN in a scanned barcode value. Code 39 VIN labels on imported cars carry a leading
 * "I"; longer payloads (QR on documents) are searched for a 17-character VIN-alphabet run.
 */
export function vinFromBarcode(raw: string): string | null {
  const v = normalizeVin(raw);
  if (v.length === 18 && v.startsWith('I')) return v.slice(1);
  const match = /[A-HJ-NPR-Z0-9]{17}/.exec(v);
  return match ? match[0] : null;
}
