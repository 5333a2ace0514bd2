/**
 * An account address: a picture derived from the whole address, the short form, and the full
 * address on expand (with a copy button). `full` shows it whole from the start, for the places
 * where the address is the point (the target of a rekey or close-out).
 */
import { t } from '@/lib/i18n';
import { useState } from 'react';
import { CopyButton } from './CopyButton';
import { shortAddress } from './format';
import { identiconPattern } from './identicon';

export function Identicon({ address, size = 16 }: { address: string; size?: number }) {
  const { cells, hue, groundHue } = identiconPattern(address);
  return (
    <svg className="identicon" width={size} height={size} viewBox="0 0 5 5" aria-hidden="true" shapeRendering="crispEdges">
      <rect width="5" height="5" fill={`hsl(${groundHue} 45% 88%)`} />
      {cells.flatMap((row, y) => row.map((on, x) => (on ? <rect key={`${x}-${y}`} x={x} y={y} width="1" height="1" fill={`hsl(${hue} 65% 38%)`} /> : null)))}
    </svg>
  );
}

export function AddressView({ address, full = false }: { address: string; full?: boolean }) {
  const [expanded, setExpanded] = useState(full);
  if (expanded) {
    return (
      <span className="address expanded">
        <Identicon address={address} />
        <span className="mono">{address}</span>
        {!full && <CopyButton text={address} />}
      </span>
    );
  }
  return (
    <button type="button" className="address address-toggle" aria-expanded={false} aria-label={t('address_show_full', shortAddress(address))} onClick={() => setExpanded(true)}>
      <Identicon address={address} />
      <span className="mono">{shortAddress(address)}</span>
    </button>
  );
}
