/** A QR code rendered locally (no network) as an image. */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { testIds } from './test-ids';

export function QrCode({ text, size = 220 }: { text: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { width: size, margin: 1, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? <img data-testid={testIds.pairingQr} src={src} width={size} height={size} alt={`QR code: ${text}`} /> : <div style={{ width: size, height: size }} />;
}
