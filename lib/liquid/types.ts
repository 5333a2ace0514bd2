/**
 * The pairing and the link's state, as the signaling state machine makes them. The background
 * persists both (lib/storage/items.ts); the popup renders them.
 */
import type { IceServerSetting } from '../messaging/peer-protocol';
import type { PhoneProfile } from '../phone/profile';

/** A paired phone: the server it links through, its requestId (the re-scan QR) and the account the server named. */
export interface Pairing {
  server: string;
  requestId: string;
  wallet: string;
  credId: string;
  pairedAt: number;
  /** What the phone told Tandem on the channel (envelope, methods, accounts); null until it has. */
  phone: PhoneProfile | null;
}

/** The stored pairing as version 1 wrote it (before the phone's profile). */
export type PairingV1 = Omit<Pairing, 'phone'>;

export type ConnectionPhase =
  | 'unpaired'
  | 'starting'
  | 'waiting-for-scan'
  | 'linked'
  | 'connecting'
  | 'connected'
  | 'phone-offline'
  | 'failed';

export type FailureReason =
  | 'server-unreachable'
  | 'link-timeout'
  | 'no-offer'
  | 'channel-failed'
  | 'session-lost'
  | 'no-permission'
  | 'wrong-account'
  /** The server refused Tandem's origin (lib/liquid/origin-refusal.ts): "This Liquid Auth server does not accept Tandem (origin …). Ask its operator to allow it." */
  | 'origin-refused'
  /** A stored value could not be migrated after an update (entrypoints/background/stored-state.ts): start-up stopped. */
  | 'stored-state';

export type SocketPhase = 'offline' | 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** The requestId of the current pairing attempt (or of the pairing, for re-scans). */
  requestId?: string;
  /** The liquid:// link shown as QR and text. */
  link?: string;
  linkExpiresAt?: number;
  wallet?: string;
  failure?: { reason: FailureReason; message: string };
  socket: SocketPhase;
  /** When the server acked this attempt's `link` (the phone proved its account); epoch ms. */
  linkedAt?: number;
  /** Tandem's DTLS fingerprint on the current channel (from its answer), bound into the possession check. */
  fingerprint?: string;
  /** When the background learnt that the data channel opened; epoch ms. */
  connectedAt?: number;
  updatedAt: number;
}

/** The settings signaling reads (a part of the stored Settings). */
export interface SignalingSettings {
  serverUrl: string;
  iceServers: IceServerSetting[];
  linkTimeoutMs: number;
  offerTimeoutMs: number;
  channelOpenTimeoutMs: number;
}
