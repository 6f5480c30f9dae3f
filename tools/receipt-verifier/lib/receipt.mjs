// The job receipt, version 1 (docs/receipt-format.md, "The job receipt"): decode, re-encode, verify.
import { FormatError, Reader, Writer, bytesToHex, equalBytes } from './bytes.mjs';
import { decodeCertificate, verifyCertificate } from './certificate.mjs';
import { resultDigest } from './digest.mjs';
import { checkCompressedPoint, verifySignature } from './keys.mjs';
import { decodeStatement, encodeStatement, statementHash } from './statement.mjs';
import { cohortHash, encodeVote, voteHash } from './vote.mjs';

const VERSION = 0x01;
const STATUSES = ['ok', 'trap', 'abi-error'];
const OK = 0;
const MAX_ATTEMPT = 2n ** 31n - 1n;
const MAX_FUEL = 2n ** 63n - 1n;
const NOTE_KINDS = { 1: 'amount', 2: 'data' };

/** Decodes a receipt; throws FormatError unless it is a canonical version-1 receipt. */
export function decodeReceipt(encoding) {
  const reader = new Reader(encoding);
  const version = reader.byte('version');
  if (version !== VERSION) {
    throw new FormatError(`version ${version} is not 1`);
  }
  const statementLength = Number(reader.unsigned(2, 'statement length'));
  const statementEncoding = reader.bytes(statementLength, 'statement');
  const statement = decodeStatement(statementEncoding);
  const statementSignature = reader.bytes(64, 'statement signature');
  const attempt = reader.unsigned(4, 'attempt');
  if (attempt < 1n || attempt > MAX_ATTEMPT) {
    throw new FormatError(`attempt ${attempt} is outside 1–${MAX_ATTEMPT}`);
  }
  const profile = reader.text('profile', 1, 0xffff);
  const cohort = [];
  for (let count = Number(reader.unsigned(2, 'cohort count')); cohort.length < count;) {
    cohort.push(reader.text('cohort member id', 0, 0xffff));
  }
  const status = reader.byte('status');
  if (status >= STATUSES.length) {
    throw new FormatError(`status ${status} is not 0 (ok), 1 (trap) or 2 (ABI error)`);
  }
  const code = Number(reader.unsigned(4, 'code'));
  if (status === OK && code !== 0) {
    throw new FormatError(`an ok result carries code ${code}, not 0`);
  }
  const digest = reader.bytes(32, 'digest');
  const fingerprintFlag = reader.byte('fingerprint flag');
  if (fingerprintFlag > 1) {
    throw new FormatError(`fingerprint flag ${fingerprintFlag} is not 0 or 1`);
  }
  const fingerprint = fingerprintFlag === 1 ? reader.bytes(32, 'fingerprint') : null;
  if (fingerprint && status !== OK) {
    throw new FormatError('a fingerprint beside a trap or ABI error');
  }
  const fuel = reader.unsigned(8, 'fuel');
  if (fuel > MAX_FUEL) {
    throw new FormatError(`fuel ${fuel} is above 2^63 − 1`);
  }
  const votes = [];
  let note;
  for (let count = Number(reader.unsigned(2, 'vote count')); votes.length < count;) {
    const field = `vote ${votes.length + 1}`;
    const certificateLength = Number(reader.unsigned(2, `${field} certificate length`));
    const certificate = reader.bytes(certificateLength, `${field} certificate`);
    decodeCertificate(certificate);
    const voteNote = readNote(reader, field);
    if (votes.length > 0 && !sameNote(note, voteNote)) {
      throw new FormatError(`${field} carries another note than the first vote`);
    }
    note = voteNote;
    votes.push({ certificate, signature: reader.bytes(64, `${field} signature`) });
  }
  reader.end('last vote');
  const receipt = {
    statement,
    statementEncoding,
    statementSignature,
    attempt: Number(attempt),
    profile,
    cohort,
    status: STATUSES[status],
    statusCode: status,
    code,
    digest,
    fingerprint,
    fuel,
    note: note ?? null,
    votes,
  };
  if (!equalBytes(encodeReceipt(receipt), encoding)) {
    throw new FormatError('the encoding is not canonical');
  }
  return receipt;
}

export function encodeReceipt(receipt) {
  const statement = encodeStatement(receipt.statement);
  const writer = new Writer()
    .byte(VERSION)
    .unsigned(2, statement.length)
    .bytes(statement)
    .bytes(receipt.statementSignature)
    .unsigned(4, receipt.attempt)
    .text(receipt.profile)
    .unsigned(2, receipt.cohort.length);
  for (const id of receipt.cohort) {
    writer.text(id);
  }
  writer.byte(receipt.statusCode).unsigned(4, receipt.code).bytes(receipt.digest);
  if (receipt.fingerprint) {
    writer.byte(1).bytes(receipt.fingerprint);
  } else {
    writer.byte(0);
  }
  writer.unsigned(8, receipt.fuel).unsigned(2, receipt.votes.length);
  for (const vote of receipt.votes) {
    writer.unsigned(2, vote.certificate.length).bytes(vote.certificate);
    if (receipt.note) {
      writer.byte(receipt.note.flag).bytes(receipt.note.commitment);
    } else {
      writer.byte(0);
    }
    writer.bytes(vote.signature);
  }
  return writer.toBytes();
}

/**
 * Verifies a receipt under the pinned authority key, in the document's order, and throws FormatError naming the first
 * check that fails. `output` (the bytes received; a private job's sealed output) and `keptStatement` (the statement's
 * encoding the requester kept) are optional; `agreement` is the network's fraction, 7/10 unless told otherwise;
 * `revocations` are revocations already verified under the authority key: the vote of a key revoked at or before the
 * statement's expiry is not counted.
 */
export function verifyReceipt(
  encoding, authorityKey, { output, keptStatement, agreement = { numerator: 7, denominator: 10 }, revocations = [] } = {},
) {
  const receipt = decodeReceipt(encoding);
  const { statement } = receipt;
  // 1. The requester's signature, and the statement the requester kept.
  const hash = statementHash(receipt.statementEncoding);
  if (!verifySignature(receipt.statementSignature, hash, statement.requester)) {
    throw new FormatError("the statement's signature does not verify under its requester key");
  }
  if (keptStatement && !equalBytes(keptStatement, receipt.statementEncoding)) {
    throw new FormatError('the statement is not the one the requester kept');
  }
  // 2. The digest: of the output received, and of a trap's or ABI error's status and code even with no output.
  if (output !== undefined || receipt.status !== 'ok') {
    const received = receipt.status === 'ok' ? output : new Uint8Array(0);
    if (!equalBytes(resultDigest(receipt.statusCode, receipt.code, received, receipt.fingerprint), receipt.digest)) {
      throw new FormatError(output !== undefined
        ? 'the digest is not that of the output received'
        : 'the digest is not that of the status and code');
    }
  }
  // 3. K members, none twice.
  if (receipt.cohort.length !== statement.replication) {
    throw new FormatError(`the cohort has ${receipt.cohort.length} members, not the statement's K = ${statement.replication}`);
  }
  if (new Set(receipt.cohort).size !== receipt.cohort.length) {
    throw new FormatError('the cohort names a member twice');
  }
  // 4 and 5. Each vote: a certificate valid at the statement's expiry, of the receipt's profile, of a member voting
  // once, with a signature over the claim.
  if (receipt.note && !receipt.fingerprint) {
    throw new FormatError('a note beside a result with no fingerprint');
  }
  const claim = voteHash(encodeVote({
    statementHash: hash,
    attempt: receipt.attempt,
    cohortHash: cohortHash(receipt.cohort),
    digest: receipt.digest,
    fuel: receipt.fuel,
    profile: receipt.profile,
    noteKind: receipt.note ? NOTE_KINDS[receipt.note.flag] : null,
    noteCommitment: receipt.note?.commitment ?? null,
  }));
  const signers = new Set();
  let revoked = 0;
  for (const [index, vote] of receipt.votes.entries()) {
    let verified;
    try {
      verified = verifyCertificate(vote.certificate, authorityKey, statement.expiry);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      throw new FormatError(`vote ${index + 1}'s certificate: ${error.message}`);
    }
    const { certificate, validatorId } = verified;
    if (certificate.profile !== receipt.profile) {
      throw new FormatError(`${validatorId} is certified for profile ${certificate.profile}, not ${receipt.profile}`);
    }
    if (!receipt.cohort.includes(validatorId)) {
      throw new FormatError(`${validatorId} is not a member of the cohort`);
    }
    if (signers.has(validatorId)) {
      throw new FormatError(`${validatorId} votes twice`);
    }
    signers.add(validatorId);
    if (!verifySignature(vote.signature, claim, certificate.validatorKey)) {
      throw new FormatError(`the vote of ${validatorId} does not verify`);
    }
    // At the moment certificates are checked: a key revoked by then may have signed anything.
    if (revocations.some((revocation) => equalBytes(revocation.validatorKey, certificate.validatorKey)
      && statement.expiry >= revocation.effectiveFrom)) {
      signers.delete(validatorId);
      revoked++;
    }
  }
  // 6. The threshold: ⌈K·numerator/denominator⌉.
  const k = BigInt(statement.replication);
  const threshold = Number((k * BigInt(agreement.numerator) + BigInt(agreement.denominator) - 1n) / BigInt(agreement.denominator));
  if (signers.size < threshold) {
    throw new FormatError(revoked === 0
      ? `${signers.size} valid votes, below the threshold of ${threshold}`
      : `${signers.size} valid votes (${revoked} more of revoked validators, not counted), below the threshold of ${threshold}`);
  }
  return { receipt, threshold, claim: bytesToHex(claim), outputChecked: output !== undefined };
}

function readNote(reader, field) {
  const flag = reader.byte(`${field} note flag`);
  if (flag === 0) return null;
  if (!(flag in NOTE_KINDS)) {
    throw new FormatError(`${field} note flag ${flag} is not 0, 1 (amount) or 2 (data)`);
  }
  const commitment = reader.bytes(33, `${field} note commitment`);
  checkCompressedPoint(commitment, `${field} note commitment`);
  return { flag, commitment };
}

function sameNote(a, b) {
  return a === b || (a !== null && b !== null && a.flag === b.flag && equalBytes(a.commitment, b.commitment));
}
