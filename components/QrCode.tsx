/**
 * A QR code rendered locally (no network) as an image. Its accessible name says what it is and
 * points to the same link as text (`linkTextId`), which a screen reader can read and copy.
 */
import { t } from '@/lib/i18n';
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { testIds } from './test-ids';

export function QrCode({ text, linkTextId, size = 220, alt = t('pairing_qr_alt') }: { text: string; linkTextId: string; size?: number; alt?: string }) {
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
  return src ? <img data-testid={testIds.pairingQr} src={src} width={size} height={size} alt={alt} aria-describedby={linkTextId} /> : <div style={{ width: size, height: size }} />;
}
