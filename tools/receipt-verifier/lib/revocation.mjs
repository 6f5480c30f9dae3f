// The validator revocation, version 1 (docs/receipt-format.md, "The validator revocation"): decode, hash, verify.
import { FormatError, LATEST_SECONDS, Reader, Writer, equalBytes, hasControlCharacters, isBlank, taggedHash } from './bytes.mjs';
import { checkXOnlyKey, verifySignature } from './keys.mjs';
import { validatorIdOf } from './certificate.mjs';

export const REVOCATION_TAG = 'paraloom/validator-revocation/v1';
const VERSION = 0x01;

/** Decodes a revocation; throws FormatError unless it is a canonical version-1 revocation. */
export function decodeRevocation(encoding) {
  const reader = new Reader(encoding);
  const version = reader.byte('version');
  if (version !== VERSION) {
    throw new FormatError(`version ${version} is not 1`);
  }
  const authority = reader.bytes(32, 'authority');
  checkXOnlyKey(authority, 'authority');
  const validatorKey = reader.bytes(32, 'validator key');
  checkXOnlyKey(validatorKey, 'validator key');
  const effectiveFrom = reader.unsigned(8, 'effective from');
  if (effectiveFrom > LATEST_SECONDS) {
    throw new FormatError(`effective from ${effectiveFrom} is after 9999-12-31T23:59:59Z`);
  }
  const reason = reader.text('reason', 1, 256);
  if (hasControlCharacters(reason)) {
    throw new FormatError('reason has control characters');
  }
  if (isBlank(reason)) {
    throw new FormatError('reason is only white space');
  }
  const bodyLength = reader.offset;
  const signature = reader.bytes(64, 'signature');
  reader.end('signature');
  const revocation = { authority, validatorKey, effectiveFrom, reason, signature };
  const body = encoding.slice(0, bodyLength);
  if (!equalBytes(encodeRevocationBody(revocation), body)) {
    throw new FormatError('the encoding is not canonical');
  }
  return { revocation, body };
}

export function encodeRevocationBody(revocation) {
  return new Writer()
    .byte(VERSION)
    .bytes(revocation.authority)
    .bytes(revocation.validatorKey)
    .unsigned(8, revocation.effectiveFrom)
    .text(revocation.reason)
    .toBytes();
}

/** Verifies a revocation under the pinned authority key: issued by it and signed by it. Returns it and the revoked id. */
export function verifyRevocation(encoding, authorityKey) {
  const { revocation, body } = decodeRevocation(encoding);
  if (!equalBytes(revocation.authority, authorityKey)) {
    throw new FormatError('issued by another authority than the pinned network key');
  }
  if (!verifySignature(revocation.signature, taggedHash(REVOCATION_TAG, body), authorityKey)) {
    throw new FormatError("the authority's signature does not verify");
  }
  return { revocation, validatorId: validatorIdOf(revocation.validatorKey) };
}
