/**
 * A fake RTCPeerConnection and data channel, just enough for the peer link (lib/peer/peer-link.ts):
 * the test plays the phone, opening the `liquid` channel, gathering candidates and sending frames.
 */

export class FakeDataChannel {
  readyState: RTCDataChannelState = 'connecting';
  readonly sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(readonly label: string) {}

  send(data: string) {
    if (this.readyState !== 'open') throw new Error('InvalidStateError');
    this.sent.push(data);
  }

  /** The phone's side: the channel opens. */
  open() {
    this.readyState = 'open';
    this.onopen?.(new Event('open'));
  }

  /** The phone's side: a frame arrives. */
  receive(data: string) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

export class FakePeerConnection {
  connectionState: RTCPeerConnectionState = 'new';
  closed = false;
  remoteSdp: string | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  readonly remoteCandidates: RTCIceCandidateInit[] = [];
  onicecandidate: ((event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ondatachannel: ((event: { channel: FakeDataChannel }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;

  constructor(readonly config: RTCConfiguration) {}

  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.remoteSdp = description.sdp ?? null;
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: `answer to ${this.remoteSdp}` };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit) {
    this.localDescription = description;
  }

  async addIceCandidate(candidate: RTCIceCandidateInit) {
    this.remoteCandidates.push(candidate);
  }

  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }

  /** The phone's side: it creates the `liquid` channel, which opens. */
  openChannel(label = 'liquid'): FakeDataChannel {
    const channel = new FakeDataChannel(label);
    this.connectionState = 'connected';
    this.ondatachannel?.({ channel });
    channel.open();
    return channel;
  }

  /** ICE gathers a local candidate. */
  gather(candidate: string) {
    this.onicecandidate?.({ candidate: { toJSON: () => ({ candidate, sdpMid: '0', sdpMLineIndex: 0 }) } });
  }
}

/** A factory for the peer link that keeps every connection it made, in order. */
export function fakeConnections() {
  const made: FakePeerConnection[] = [];
  return {
    made,
    create: (config: RTCConfiguration) => {
      const connection = new FakePeerConnection(config);
      made.push(connection);
      return connection as unknown as RTCPeerConnection;
    },
  };
}
