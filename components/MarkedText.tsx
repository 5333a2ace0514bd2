/**
 * Untrusted text that went through `safeText`: rendered as text (never HTML), with each
 * `⟨U+XXXX⟩` mark set apart so it reads as Tandem's mark, not as the sender's words.
 */
import { t } from '@/lib/i18n';
import { Fragment } from 'react';

const MARK = /(⟨U\+[0-9A-F]{4,6}⟩)/;

export function MarkedText({ text }: { text: string }) {
  if (!text.includes('⟨')) return <>{text}</>;
  return (
    <>
      {text.split(MARK).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="char-mark" title={t('mark_title')}>
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
