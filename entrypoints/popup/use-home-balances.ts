/** The home view's balances: asked for each time the popup opens (and when the paired account changes). */
import { useEffect, useState } from 'react';
import type { HomeBalance } from '@/lib/algorand/facts';
import { send } from './send';

export function useHomeBalances(account: string | null): HomeBalance[] | null {
  const [balances, setBalances] = useState<HomeBalance[] | null>(null);
  useEffect(() => {
    setBalances(null);
    if (account === null) return;
    let current = true;
    void send('network/balances', {}).then((reply) => {
      if (current && reply.ok) setBalances(reply.value);
    });
    return () => {
      current = false;
    };
  }, [account]);
  return balances;
}
