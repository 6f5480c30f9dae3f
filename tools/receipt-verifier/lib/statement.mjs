// The job statement, version 1 (docs/receipt-format.md, "The job statement"): decode, re-encode, hash, verify.
import { FormatError, LATEST_SECONDS, Reader, Writer, bytesToHex, equalBytes, taggedHash } from './bytes.mjs';
import { checkCompressedPoint, checkXOnlyKey, verifySignature } from './keys.mjs';

export const STATEMENT_TAG = 'paraloom/job-statement/v1';
const VERSION = 0x01;
const PUBLIC = 0x00;
const PRIVATE = 0x01;
const PAGE = 65536n;
// Each limit's range (docs/receipt-format.md): [field, least, most].
const MAX_I63 = 2n ** 63n - 1n;
const MAX_MILLISECONDS = 922_337_203_685_477n;
const RANGES = [
  ['memoryBytes', 'memory', PAGE, MAX_I63 - (MAX_I63 % PAGE)],
  ['fuel', 'fuel', 1n, MAX_I63],
  ['wallClockMs', 'wall clock', 1n, MAX_MILLISECONDS],
  ['distributionTimeoutMs', 'distribution timeout', 1n, MAX_MILLISECONDS],
  ['maxOutputBytes', 'max output', 1n, 2n ** 31n - 1n],
  ['replication', 'replication', 1n, 65535n],
  ['expiry', 'expiry', 0n, LATEST_SECONDS],
];

/** Decodes a statement's encoding; throws FormatError unless it is a canonical version-1 statement. */
export function decodeStatement(encoding) {
  const reader = new Reader(encoding);
  const version = reader.byte('version');
  if (version !== VERSION) {
    throw new FormatError(`version ${version} is not 1`);
  }
  const kind = reader.byte('kind');
  if (kind !== PUBLIC && kind !== PRIVATE) {
    throw new FormatError(`kind ${kind} is neither public (0) nor private (1)`);
  }
  const jobId = reader.text('job id', 1, 64);
  if (!/^[A-Za-z0-9_-]+$/.test(jobId)) {
    throw new FormatError('job id has characters other than ASCII letters, digits, - and _');
  }
  const moduleHash = reader.bytes(32, 'module hash');
  const inputBinding = reader.bytes(kind === PRIVATE ? 33 : 32, 'input binding');
  if (kind === PRIVATE) {
    checkCompressedPoint(inputBinding, 'input commitment');
  }
  const nonce = reader.bytes(32, 'nonce');
  const requester = reader.bytes(32, 'requester');
  checkXOnlyKey(requester, 'requester');
  const statement = {
    kind: kind === PRIVATE ? 'private' : 'public',
    jobId,
    moduleHash,
    inputBinding,
    nonce,
    requester,
    memoryBytes: reader.unsigned(8, 'memory'),
    fuel: reader.unsigned(8, 'fuel'),
    wallClockMs: reader.unsigned(8, 'wall clock'),
    distributionTimeoutMs: reader.unsigned(8, 'distribution timeout'),
    maxOutputBytes: reader.unsigned(4, 'max output'),
    replication: Number(reader.unsigned(2, 'replication')),
    expiry: reader.unsigned(8, 'expiry'),
  };
  reader.end('expiry');
  if (statement.memoryBytes % PAGE !== 0n) {
    throw new FormatError('memory is not a multiple of 65536');
  }
  for (const [key, field, least, most] of RANGES) {
    if (BigInt(statement[key]) < least || BigInt(statement[key]) > most) {
      throw new FormatError(`${field} ${statement[key]} is outside ${least}–${most}`);
    }
  }
  if (!equalBytes(encodeStatement(statement), encoding)) {
    throw new FormatError('the encoding is not canonical');
  }
  return statement;
}

export function encodeStatement(statement) {
  return new Writer()
    .byte(VERSION)
    .byte(statement.kind === 'private' ? PRIVATE : PUBLIC)
    .text(statement.jobId)
    .bytes(statement.moduleHash)
    .bytes(statement.inputBinding)
    .bytes(statement.nonce)
    .bytes(statement.requester)
    .unsigned(8, statement.memoryBytes)
    .unsigned(8, statement.fuel)
    .unsigned(8, statement.wallClockMs)
    .unsigned(8, statement.distributionTimeoutMs)
    .unsigned(4, statement.maxOutputBytes)
    .unsigned(2, statement.replication)
    .unsigned(8, statement.expiry)
    .toBytes();
}

export function statementHash(encoding) {
  return taggedHash(STATEMENT_TAG, encoding);
}

/**
 * Verifies a signed statement (its encoding, then the requester's 64-byte signature over its hash).
 * Returns { statement, hash }; throws FormatError naming what fails.
 */
export function verifySignedStatement(signedStatement) {
  if (signedStatement.length < 64) {
    throw new FormatError('shorter than a signature');
  }
  const encoding = signedStatement.slice(0, signedStatement.length - 64);
  const signature = signedStatement.slice(signedStatement.length - 64);
  const statement = decodeStatement(encoding);
  const hash = statementHash(encoding);
  if (!verifySignature(signature, hash, statement.requester)) {
    throw new FormatError("the requester's signature does not verify");
  }
  return { statement, hash: bytesToHex(hash) };
}
