/**
 * The wire contract's defaults and bounds (README.md "API at a glance"). Numbers marked fixed are not
 * configurable; the relay makes the others configurable in relay/src/limits.ts.
 */
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const API_PREFIX = '/api/v1';
export const STREAM_PATH = '/api/v1/stream';

/**
 * WebSocket subprotocols: the first is the protocol; the second carries the client's nonce, which the relay
 * answers with its proof of the token (docs/security.md). Legacy clients send the token itself as the second
 * instead (`otp-relay.token.<token>`): still accepted, but they hand it to whatever listens on the port.
 */
export const STREAM_PROTOCOL = 'otp-relay.v1';
export const NONCE_PROTOCOL_PREFIX = 'otp-relay.nonce.';
export const TOKEN_PROTOCOL_PREFIX = 'otp-relay.token.';

/** HTTP: the handshake that starts a session, the scheme of requests signed with its key, the answer's proof. */
export const SESSION_PATH = '/api/v1/session';
export const SESSION_SCHEME = 'OTP-Relay-Session';
export const PROOF_HEADER = 'otp-relay-proof';

export const LIMITS = {
  codeLength: { default: 6, min: 4, max: 10 },
  ttlSeconds: { default: 600, min: 1, max: 86_400 },
  /** fixed */
  maxAttempts: 5,
  resendCooldownSeconds: 30,
  sendsPerWindow: 5,
  sendWindowSeconds: 600,
  lockoutThreshold: 100,
  lockoutSeconds: 900,
  maxBodyBytes: 16 * 1024,
  maxWaitSeconds: 60,
  wsMaxPayloadBytes: 16 * 1024,
  wsPingIntervalMs: 30_000,
  wsMaxBufferedBytes: 1024 * 1024,
} as const;

/**
 * The extension's public key, pinned in its manifest so its id is the same on every machine. The private
 * half was never kept: an unpacked extension needs only the public key for a stable id.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsFf6IcQhlPuLoJPhO8YFI728FbJCoS2u6O2cS9uPeSbRgGftkuWU07BesIeIyua0JsaOd/uMnDC6DWDOfoD9X1hd3QHGCbIM/l2+mi3Eb5q+IIypXnQVZUELoNHxPS3bl3AlUcPpXBsSYZSkw1Sw5m1zhbYV5d8ibWUofjm80fWX3EbbELGiRqaw0PC2o4s+Uz2zpmeWRkB6FBFVb1r3vgYyRl3Dbtgo7WDDGy2CwgLbU5TEWza514r7b6LMunqoXgLo+vtX8px3qNutD+8HAdjIc6vUBqOdrZpeTsPRZNYUmtG6Asq0dpBo9cSsMQCV/AhN/rxOW4ymD2V3sODljQIDAQAB';
/** chrome-extension://<id> derived from EXTENSION_PUBLIC_KEY (sha256 of the DER key, a-p encoded). */
export const EXTENSION_ID = 'fbgjdlhgdabmablalfapjeklgnlogehf';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
