import { useState } from 'react';
import { t } from '@/lib/i18n';
import type { TestId } from './test-ids';

export function CopyButton({ text, label, testId }: { text: string; label?: string; testId?: TestId }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? t('common_copied') : (label ?? t('common_copy'))}
    </button>
  );
}
