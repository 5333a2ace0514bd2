import { useState } from 'react';
import type { TestId } from './test-ids';

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: TestId }) {
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
      {copied ? 'Copied' : label}
    </button>
  );
}
