/**
 * The popup's store (entrypoints/popup/store.ts): a change the background writes while the popup is
 * still reading its first values must not be lost. Seen in CI: a pairing failure written during the
 * read left the popup showing "Not paired" for good.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionItem, INITIAL_CONNECTION } from '../../../lib/storage/items';
import { hydrate, useView } from '../../../entrypoints/popup/store';
import type { ConnectionState } from '../../../lib/liquid/types';

const FAILED: ConnectionState = { phase: 'failed', socket: 'offline', requestId: 'r-1', failure: { reason: 'no-permission', message: 'not allowed' }, updatedAt: 2 };

describe('the popup store', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('keeps a change written while its first read is under way, rather than the older value the read returns', async () => {
    const read = connectionItem.getValue.bind(connectionItem);
    // The read returns the value from before the change, and the change lands before it resolves.
    vi.spyOn(connectionItem, 'getValue').mockImplementation(async () => {
      const before = await read();
      await connectionItem.setValue(FAILED);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return before;
    });
    const unwatch = await hydrate();
    expect(useView.getState().hydrated).toBe(true);
    expect(useView.getState().connection).toEqual(FAILED);
    unwatch();
  });

  it('takes the stored values when nothing changes meanwhile', async () => {
    await connectionItem.setValue(FAILED);
    const unwatch = await hydrate();
    expect(useView.getState().connection).toEqual(FAILED);
    await connectionItem.setValue(INITIAL_CONNECTION);
    await vi.waitFor(() => expect(useView.getState().connection).toEqual(INITIAL_CONNECTION));
    unwatch();
  });
});
