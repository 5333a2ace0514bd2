/**
 * A message with elements in it ("Times out at <time> (in <countdown>)"): the translation decides
 * where each element goes, the element stays an element (never text put together by hand).
 */
import { Fragment, type ReactNode } from 'react';
import { t, type MessageKey } from '@/lib/i18n';

// Private-use characters: never in a translation, so they mark where each element goes.
const slot = (i: number) => `\uE000${i}\uE001`;
const SLOT = /\uE000(\d+)\uE001/;

export function Words({ id, parts }: { id: MessageKey; parts: ReactNode[] }) {
  const pieces = t(id, ...parts.map((_, i) => slot(i))).split(SLOT);
  return (
    <>
      {pieces.map((piece, i) => (
        <Fragment key={i}>{i % 2 === 1 ? parts[Number(piece)] : piece}</Fragment>
      ))}
    </>
  );
}
