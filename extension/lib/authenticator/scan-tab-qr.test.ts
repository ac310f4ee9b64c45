import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr, type Pixels } from './scan-tab-qr.ts';

/** A QR code drawn the way a page shows it: black modules on white, 4 pixels a module, a quiet zone, a frame. */
function draw(text: string, { invert = false, scale = 4 } = {}): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const margin = 4;
  const size = (modules.size + margin * 2) * scale + 40;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor((x - 20) / scale) - margin;
      const my = Math.floor((y - 20) / scale) - margin;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx) === 1;
      const value = dark !== invert ? 0 : 255;
      const i = (y * size + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = value;
    }
  return { data, width: size, height: size };
}

describe('decodeQr', () => {
  const uri = 'otpauth://totp/Lumen%20Goods:Seller%20Center?secret=JBSWY3DPEHPK3PXP&issuer=Lumen%20Goods';

  it('reads an otpauth URI from a setup page’s QR code', async () => {
    expect(await decodeQr(draw(uri))).toBe(uri);
  });

  it('reads a light-on-dark code too', async () => {
    expect(await decodeQr(draw(uri, { invert: true }))).toBe(uri);
  });

  it('finds nothing in a blank capture', async () => {
    expect(
      await decodeQr({ data: new Uint8ClampedArray(200 * 200 * 4).fill(255), width: 200, height: 200 }),
    ).toBeNull();
  });
});
