import { describe, expect, it } from 'vitest';
import { connectionLook, iconPaths, pendingBadge } from '@/entrypoints/background/toolbar-look';

describe('the toolbar button', () => {
  it('is in colour only while the phone is connected, and says the state in its tooltip', () => {
    expect(connectionLook('connected')).toEqual({ icon: 'connected', title: 'Tandem: connected to your phone' });
    expect(connectionLook('phone-offline')).toEqual({ icon: 'offline', title: 'Tandem: phone offline' });
    expect(connectionLook('unpaired')).toEqual({ icon: 'offline', title: 'Tandem: not paired' });
    for (const phase of ['starting', 'waiting-for-scan', 'linked', 'connecting', 'failed'] as const) expect(connectionLook(phase).icon).toBe('offline');
  });

  it('counts the requests waiting in its badge, and shows nothing when none wait', () => {
    expect(pendingBadge(0)).toBe('');
    expect(pendingBadge(3)).toBe('3');
    // The badge fits about four characters.
    expect(pendingBadge(1024)).toBe('99+');
  });

  it('takes the greyed icon set for every state but connected', () => {
    expect(iconPaths('connected')[16]).toBe('/icons/16.png');
    expect(iconPaths('offline')[128]).toBe('/icons/offline-128.png');
  });
});
