// The validator certificate, version 1 (docs/receipt-format.md, "The validator certificate"): decode, hash, verify.
import { FormatError, LATEST_SECONDS, Reader, Writer, bytesToHex, equalBytes, hasControlCharacters, isBlank, taggedHash } from './bytes.mjs';
import { checkXOnlyKey, verifySignature } from './keys.mjs';

export const CERTIFICATE_TAG = 'paraloom/validator-certificate/v1';
const VERSION = 0x01;

/** Decodes a certificate; throws FormatError unless it is a canonical version-1 certificate. */
export function decodeCertificate(encoding) {
  const reader = new Reader(encoding);
  const version = reader.byte('version');
  if (version !== VERSION) {
    throw new FormatError(`version ${version} is not 1`);
  }
  const authority = reader.bytes(32, 'authority');
  checkXOnlyKey(authority, 'authority');
  const validatorKey = reader.bytes(32, 'validator key');
  checkXOnlyKey(validatorKey, 'validator key');
  const operator = reader.text('operator', 1, 128);
  const profile = reader.text('profile', 1, 256);
  for (const [field, text] of [['operator', operator], ['profile', profile]]) {
    if (hasControlCharacters(text)) {
      throw new FormatError(`${field} has control characters`);
    }
    if (isBlank(text)) {
      throw new FormatError(`${field} is only white space`);
    }
  }
  const notBefore = reader.unsigned(8, 'not before');
  const notAfter = reader.unsigned(8, 'not after');
  for (const [field, seconds] of [['not before', notBefore], ['not after', notAfter]]) {
    if (seconds > LATEST_SECONDS) {
      throw new FormatError(`${field} ${seconds} is after 9999-12-31T23:59:59Z`);
    }
  }
  if (notAfter < notBefore) {
    throw new FormatError('not after is before not before');
  }
  const bodyLength = reader.offset;
  const signature = reader.bytes(64, 'signature');
  reader.end('signature');
  const certificate = { authority, validatorKey, operator, profile, notBefore, notAfter, signature };
  const body = encoding.slice(0, bodyLength);
  if (!equalBytes(encodeCertificateBody(certificate), body)) {
    throw new FormatError('the encoding is not canonical');
  }
  return { certificate, body };
}

export function encodeCertificateBody(certificate) {
  return new Writer()
    .byte(VERSION)
    .bytes(certificate.authority)
    .bytes(certificate.validatorKey)
    .text(certificate.operator)
    .text(certificate.profile)
    .unsigned(8, certificate.notBefore)
    .unsigned(8, certificate.notAfter)
    .toBytes();
}

/** The validator's id: "v" and the first 16 lowercase hex digits of its x-only key. */
export function validatorIdOf(validatorKey) {
  return 'v' + bytesToHex(validatorKey).slice(0, 16);
}

/**
 * Verifies a certificate under the pinned authority key at a Unix time (seconds, BigInt): issued by that authority,
 * signed by it, and valid in [not before, not after + 1 s). Returns the certificate and the validator's id.
 */
export function verifyCertificate(encoding, authorityKey, atSeconds) {
  const { certificate, body } = decodeCertificate(encoding);
  if (!equalBytes(certificate.authority, authorityKey)) {
    throw new FormatError('issued by another authority than the pinned network key');
  }
  if (!verifySignature(certificate.signature, taggedHash(CERTIFICATE_TAG, body), authorityKey)) {
    throw new FormatError("the authority's signature does not verify");
  }
  if (atSeconds < certificate.notBefore) {
    throw new FormatError(`not valid before ${certificate.notBefore}`);
  }
  if (atSeconds >= certificate.notAfter + 1n) {
    throw new FormatError(`expired after ${certificate.notAfter}`);
  }
  return { certificate, validatorId: validatorIdOf(certificate.validatorKey) };
}
