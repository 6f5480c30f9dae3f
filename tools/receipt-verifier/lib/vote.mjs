// The vote, version 3 (docs/receipt-format.md, "The vote"): decode, re-encode, the cohort's hash, the vote's hash.
import { FormatError, Reader, Writer, bytesToHex, equalBytes, taggedHash } from './bytes.mjs';
import { checkCompressedPoint, verifySignature } from './keys.mjs';

export const VOTE_TAG = 'paraloom/vote/v3';
export const COHORT_TAG = 'paraloom/cohort/v1';
const NO_NOTE = 0x00;
// A note's flag is its kind (docs/cryptography.md §13.1).
const AMOUNT_NOTE = 0x01;
const DATA_NOTE = 0x02;

/** TaggedHash("paraloom/cohort/v1", count:u16 ‖ (len:u16 ‖ id)…) over the members' ids in the job's order. */
export function cohortHash(memberIds) {
  const writer = new Writer().unsigned(2, memberIds.length);
  for (const id of memberIds) {
    writer.text(id);
  }
  return taggedHash(COHORT_TAG, writer.toBytes());
}

/** Decodes a vote's claim; throws FormatError unless it is a canonical version-3 claim. */
export function decodeVote(encoding) {
  const reader = new Reader(encoding);
  const vote = {
    statementHash: reader.bytes(32, 'statement hash'),
    attempt: Number(reader.unsigned(4, 'attempt')),
    cohortHash: reader.bytes(32, 'cohort hash'),
    digest: reader.bytes(32, 'digest'),
    fuel: reader.unsigned(8, 'fuel'),
    profile: reader.text('profile', 1, 256),
  };
  if (vote.attempt < 1 || vote.attempt > 2 ** 31 - 1) {
    throw new FormatError(`attempt ${vote.attempt} is outside 1–2147483647`);
  }
  if (vote.fuel > 2n ** 63n - 1n) {
    throw new FormatError(`fuel ${vote.fuel} is above 2^63 − 1`);
  }
  const flag = reader.byte('note flag');
  if (flag !== NO_NOTE && flag !== AMOUNT_NOTE && flag !== DATA_NOTE) {
    throw new FormatError(`note flag ${flag} is not 0, 1 (amount) or 2 (data)`);
  }
  vote.noteKind = flag === NO_NOTE ? null : flag === AMOUNT_NOTE ? 'amount' : 'data';
  vote.noteCommitment = flag === NO_NOTE ? null : reader.bytes(33, 'note commitment');
  if (vote.noteCommitment) {
    checkCompressedPoint(vote.noteCommitment, 'note commitment');
  }
  reader.end(flag === NO_NOTE ? 'note flag' : 'note commitment');
  if (!equalBytes(encodeVote(vote), encoding)) {
    throw new FormatError('the encoding is not canonical');
  }
  return vote;
}

export function encodeVote(vote) {
  const writer = new Writer()
    .bytes(vote.statementHash)
    .unsigned(4, vote.attempt)
    .bytes(vote.cohortHash)
    .bytes(vote.digest)
    .unsigned(8, vote.fuel)
    .text(vote.profile);
  const flag = vote.noteCommitment ? (vote.noteKind === 'data' ? DATA_NOTE : AMOUNT_NOTE) : NO_NOTE;
  return (vote.noteCommitment ? writer.byte(flag).bytes(vote.noteCommitment) : writer.byte(flag)).toBytes();
}

export function voteHash(encoding) {
  return taggedHash(VOTE_TAG, encoding);
}

/** Verifies a vote's claim and the member's 64-byte signature over its hash under the member's x-only key. */
export function verifyVote(encoding, signature, validatorKey) {
  const vote = decodeVote(encoding);
  const hash = voteHash(encoding);
  if (!verifySignature(signature, hash, validatorKey)) {
    throw new FormatError("the member's signature does not verify");
  }
  return { vote, hash: bytesToHex(hash) };
}
