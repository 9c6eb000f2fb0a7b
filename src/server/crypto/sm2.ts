// SM2 signatures (GB/T 32918 / GM/T 0003, signature data per GM/T 0009) for certificates and signed
// decisions. Node's built-in SM2 hashes with an empty distinguishing id and so does not interoperate
// with other Chinese implementations; sm-crypto-v2 computes Z = SM3(ENTL || ID || a || b || Gx || Gy
// || Px || Py) with the id we pass, and e = SM3(Z || M). Its default id is '1234567812345678' (the
// standard one), but we pass it explicitly anyway so that a change of default cannot change our
// signatures.
//
// Signature format: lowercase hex of r || s, each a 32-byte big-endian integer left-padded with
// zeros, 128 hex characters in all (not DER). Public keys: uncompressed '04' || x || y, 130 hex.

import { sm2 } from 'sm-crypto-v2';
import { hmacSm3 } from './sm.js';

export const SM2_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  privateKeyHex: string;
  /** Uncompressed point: '04' || x || y, 130 hex characters. */
  publicKeyHex: string;
}

// Order n of the SM2 recommended curve's base point (GB/T 32918.5).
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const SIGNING_KEY_LABEL = 'zhiping/certificate-signing/v1';

const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

/**
 * The platform's certificate-signing key, derived deterministically from the master key so every
 * app instance of a site signs with the same key without storing another secret:
 * d = HMAC-SM3(master, 'zhiping/certificate-signing/v1') mod (n - 2) + 1. SM2 needs d in
 * [1, n-2] (1 + d must be invertible mod n); the reduction bias of a 256-bit value is ~2^-32.
 */
export function deriveSigningKey(masterKey: Buffer): Sm2KeyPair {
  const digest = hmacSm3(masterKey, SIGNING_KEY_LABEL);
  const d = (BigInt('0x' + digest.toString('hex')) % (N - 2n)) + 1n;
  const privateKeyHex = hex64(d);
  return { privateKeyHex, publicKeyHex: sm2.getPublicKeyFromPrivateKey(privateKeyHex) };
}

function bytesOf(message: Buffer | string): Uint8Array {
  return typeof message === 'string' ? new Uint8Array(Buffer.from(message, 'utf8')) : new Uint8Array(message);
}

/** Signs SM3(Z(SM2_USER_ID, public key) || message); returns r || s as 128 lowercase hex characters. */
export function sm2Sign(message: Buffer | string, privateKeyHex: string): string {
  const publicKey = sm2.getPublicKeyFromPrivateKey(privateKeyHex);
  return sm2.doSignature(bytesOf(message), privateKeyHex, { hash: true, publicKey, userId: SM2_USER_ID }).toLowerCase();
}

const SIGNATURE = /^[0-9a-fA-F]{128}$/;
const PUBLIC_KEY = /^04[0-9a-fA-F]{128}$/;

/** True only for a valid r || s signature by `publicKeyHex`; never throws, whatever the input. */
export function sm2Verify(message: Buffer | string, signatureHex: string, publicKeyHex: string): boolean {
  try {
    if (typeof signatureHex !== 'string' || !SIGNATURE.test(signatureHex)) return false;
    if (typeof publicKeyHex !== 'string' || !PUBLIC_KEY.test(publicKeyHex)) return false;
    if (typeof message !== 'string' && !Buffer.isBuffer(message)) return false;
    // GB/T 32918.2 §7.1 B1/B2: r and s must lie in [1, n-1]; the library does not check this.
    const r = BigInt('0x' + signatureHex.slice(0, 64));
    const s = BigInt('0x' + signatureHex.slice(64));
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    return sm2.doVerifySignature(bytesOf(message), signatureHex, publicKeyHex, { hash: true, userId: SM2_USER_ID }) === true;
  } catch {
    // An off-curve public key and the like make the library throw.
    return false;
  }
}
