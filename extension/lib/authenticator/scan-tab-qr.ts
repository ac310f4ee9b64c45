import { browser } from 'wxt/browser';

export type ScanResult = { ok: true; text: string } | { ok: false; message: string };

/** RGBA pixels, as ImageData and a decoded PNG both have them. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Reads the QR code the active tab shows: a capture of the visible tab (the popup's click granted activeTab for
 * it), decoded by jsQR. jsQR is loaded here, on the first scan, not with the popup: it is most of the scanner's
 * weight and most popups never scan.
 */
export async function scanVisibleTab(): Promise<ScanResult> {
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab({ format: 'png' });
  } catch {
    return { ok: false, message: 'This tab cannot be captured (browser pages and the web store cannot).' };
  }
  const text = await decodeQr(await pixelsOf(dataUrl));
  if (text === null)
    return {
      ok: false,
      message: 'No QR code found on this tab. Scroll it fully into view, or paste the link instead.',
    };
  return { ok: true, text };
}

/** The text of the QR code in `pixels`, or null when none can be read. */
export async function decodeQr(pixels: Pixels): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  // Light-on-dark codes (a dark-mode setup page) too: jsQR tries the inverted image when the first pass fails.
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
  return found?.data ? found.data : null;
}

async function pixelsOf(dataUrl: string): Promise<Pixels> {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}
