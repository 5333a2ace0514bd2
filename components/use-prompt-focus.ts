/**
 * A prompt takes the keyboard focus on its heading when it appears: when the window opens and, as
 * the approval window remounts the prompt for each request, when the next request follows an
 * answer. The heading (tabindex -1) is read first by a screen reader; nothing is pre-selected, so
 * Enter or Space cannot approve anything by accident.
 */
import { useEffect, useRef } from 'react';

export function usePromptFocus() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}
