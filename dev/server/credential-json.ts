import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isRequestId, type RequestId } from './auth-bus.ts';
import { canonicalBase64Url } from './encoding.ts';
import { badRequest } from './http-error.ts';

/**
 * Parsers for the JSON bodies of the attestation/assertion responses. They only check shapes and re-encode every
 * binary field as canonical base64url (clients may send padded or standard base64); whether the contents are
 * genuine is for SimpleWebAuthn and the signature check to decide.
 */

export interface LiquidAttestationResult {
  type: string;
  address: string;
  signature: string;
  requestId?: RequestId;
  device?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectField(parent: JsonObject, key: string, where: string): JsonObject {
  const value = parent[key];
  if (!isObject(value)) throw badRequest(`${where}.${key} must be an object`);
  return value;
}

function binaryField(parent: JsonObject, key: string, where: string): string {
  const value = canonicalBase64Url(parent[key]);
  if (value === undefined || value.length === 0) throw badRequest(`${where}.${key} must be base64url`);
  return value;
}

function optionalBinaryField(parent: JsonObject, key: string, where: string): string | undefined {
  return parent[key] === undefined || parent[key] === null ? undefined : binaryField(parent, key, where);
}

function optionalString(parent: JsonObject, key: string, where: string): string | undefined {
  const value = parent[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${where}.${key} must be a string`);
  return value;
}

function credentialIdentity(body: unknown, what: string): { body: JsonObject; id: string; rawId: string } {
  if (!isObject(body)) throw badRequest(`${what} must be a JSON object`);
  const id = binaryField(body, 'id', what);
  // Some clients leave rawId out; it is the same bytes as id.
  const rawId = body.rawId === undefined ? id : binaryField(body, 'rawId', what);
  return { body, id, rawId };
}

function extensionResults(body: JsonObject): JsonObject {
  const results = body.clientExtensionResults;
  if (results === undefined || results === null) return {};
  if (!isObject(results)) throw badRequest('clientExtensionResults must be an object');
  return results;
}

function transportsOf(response: JsonObject): string[] | undefined {
  const transports = response.transports;
  if (transports === undefined) return undefined;
  if (!Array.isArray(transports) || !transports.every((t) => typeof t === 'string')) {
    throw badRequest('response.transports must be an array of strings');
  }
  return transports;
}

/** `liquid` is `undefined` when the client sent no liquid extension result (the route answers 401 then). */
export function parseRegistrationBody(raw: unknown): {
  response: RegistrationResponseJSON;
  liquid: LiquidAttestationResult | undefined;
} {
  const { body, id, rawId } = credentialIdentity(raw, 'body');
  const response = objectField(body, 'response', 'body');
  const extensions = extensionResults(body);
  const transports = transportsOf(response);
  const parsed: RegistrationResponseJSON = {
    id,
    rawId,
    type: body.type as RegistrationResponseJSON['type'],
    response: {
      clientDataJSON: binaryField(response, 'clientDataJSON', 'response'),
      attestationObject: binaryField(response, 'attestationObject', 'response'),
      ...(transports ? { transports } : {}),
    },
    clientExtensionResults: {},
  };
  if (extensions.liquid === undefined) return { response: parsed, liquid: undefined };
  const liquid = objectField(extensions, 'liquid', 'clientExtensionResults');
  const where = 'clientExtensionResults.liquid';
  const type = optionalString(liquid, 'type', where);
  const address = optionalString(liquid, 'address', where);
  const signature = optionalString(liquid, 'signature', where);
  if (type === undefined || address === undefined || signature === undefined) {
    throw badRequest(`${where} needs type, address and signature`);
  }
  const device = optionalString(liquid, 'device', where);
  const requestId = isRequestId(liquid.requestId) ? liquid.requestId : undefined;
  return { response: parsed, liquid: { type, address, signature, requestId, device } };
}

export function parseAuthenticationBody(raw: unknown): {
  response: AuthenticationResponseJSON;
  requestId: RequestId | undefined;
} {
  const { body, id, rawId } = credentialIdentity(raw, 'body');
  const response = objectField(body, 'response', 'body');
  const extensions = extensionResults(body);
  const userHandle = optionalBinaryField(response, 'userHandle', 'response');
  const parsed: AuthenticationResponseJSON = {
    id,
    rawId,
    type: body.type as AuthenticationResponseJSON['type'],
    response: {
      clientDataJSON: binaryField(response, 'clientDataJSON', 'response'),
      authenticatorData: binaryField(response, 'authenticatorData', 'response'),
      signature: binaryField(response, 'signature', 'response'),
      ...(userHandle ? { userHandle } : {}),
    },
    clientExtensionResults: {},
  };
  const liquid = isObject(extensions.liquid) ? extensions.liquid : {};
  return { response: parsed, requestId: isRequestId(liquid.requestId) ? liquid.requestId : undefined };
}
