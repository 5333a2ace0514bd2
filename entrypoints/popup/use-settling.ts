/**
 * A page can swap the request in view (by closing the tab that sent it) just as the user clicks,
 * and a window that just came to the front may take a click meant for another window. So for
 * SETTLE_MS after the request in view changes, or the window gains focus, Approve and Connect stay
 * disabled and the prompt says why (security review, issue #11 finding 7).
 */
import { useEffect, useState } from 'react';

export const SETTLE_MS = 1_000;

export function useSettling(requestKey: string | undefined): boolean {
  const [settling, setSettling] = useState(false);
  const [focusedAt, setFocusedAt] = useState(0);

  useEffect(() => {
    const onFocus = () => setFocusedAt(Date.now());
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  useEffect(() => {
    if (requestKey === undefined) return;
    setSettling(true);
    const timer = setTimeout(() => setSettling(false), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [requestKey, focusedAt]);

  return settling;
}
