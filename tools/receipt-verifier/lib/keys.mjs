// Keys and signatures: BIP-340 Schnorr over secp256k1, x-only public keys, compressed points.
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { FormatError } from './bytes.mjs';

/** Whether a 64-byte BIP-340 signature by the x-only key verifies over the 32-byte message. */
export function verifySignature(signature, message, publicKey) {
  try {
    return schnorr.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** An x-only public key must be the x coordinate of a point on the curve. */
export function checkXOnlyKey(key, field) {
  try {
    schnorr.utils.lift_x(BigInt('0x' + Buffer.from(key).toString('hex')));
  } catch {
    throw new FormatError(`${field} is not an x-only public key`);
  }
}

/** A compressed point: 0x02 or 0x03, then an x coordinate on the curve. */
export function checkCompressedPoint(point, field) {
  try {
    secp256k1.Point.fromBytes(point).assertValidity();
  } catch {
    throw new FormatError(`${field} is not a compressed secp256k1 point`);
  }
  if (point[0] !== 0x02 && point[0] !== 0x03) {
    throw new FormatError(`${field} is not a compressed secp256k1 point`);
  }
}

/** A key given on the command line: 64 hex digits, an x-only key. */
export function parseXOnlyKey(hex, field) {
  if (!/^[0-9a-fA-F]{64}$/.test(hex ?? '')) {
    throw new FormatError(`${field} must be 64 hex digits (an x-only public key)`);
  }
  const key = Uint8Array.from(Buffer.from(hex, 'hex'));
  checkXOnlyKey(key, field);
  return key;
}
