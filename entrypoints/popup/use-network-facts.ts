/**
 * The approval window's facts for the request in view: asked for once the request is painted,
 * shown as "couldn't check" when no answer comes within the deadline (a late answer still fills
 * in). "Check with <host>" asks for the node's host permission inside the click, then asks again.
 */
import { useCallback, useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import type { FactsView } from '@/components/NetworkFacts';
import { send } from './send';

const DEADLINE_MS = 3_000;

export function useNetworkFacts(key: string | undefined): { view: FactsView; checkWith: (pattern: string) => void } {
  const [view, setView] = useState<FactsView>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === undefined) return;
    let current = true;
    setView({ state: 'checking' });
    const timer = setTimeout(() => {
      if (current) setView((v) => (v.state === 'checking' ? { state: 'failed', host: 'the network', message: `no answer in ${DEADLINE_MS / 1000} s` } : v));
    }, DEADLINE_MS);
    void send('network/facts', { key }, DEADLINE_MS * 4).then((reply) => {
      if (!current) return;
      setView(reply.ok ? reply.value : { state: 'failed', host: 'the network', message: reply.error.message });
    });
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, attempt]);
  const checkWith = useCallback((pattern: string) => {
    // Inside the click, before any await: permissions.request needs the user's gesture.
    void browser.permissions
      .request({ origins: [pattern] })
      .catch(() => false)
      .then(() => setAttempt((n) => n + 1));
  }, []);
  return { view, checkWith };
}
