// The test vectors of docs/receipt-format.md, rebuilt from their stated inputs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schnorr } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, taggedHash } from '../lib/bytes.mjs';
import { CERTIFICATE_TAG, decodeCertificate, encodeCertificateBody, validatorIdOf, verifyCertificate } from '../lib/certificate.mjs';
import { resultDigest } from '../lib/digest.mjs';
import { decodeStatement, encodeStatement, statementHash, verifySignedStatement } from '../lib/statement.mjs';
import { encodeReceipt, verifyReceipt } from '../lib/receipt.mjs';
import { decodeRevocation, encodeRevocationBody, REVOCATION_TAG, verifyRevocation } from '../lib/revocation.mjs';
import { cohortHash, decodeVote, encodeVote, voteHash } from '../lib/vote.mjs';

const secret = (last) => hexToBytes(last.toString(16).padStart(64, '0'));
const requester = schnorr.getPublicKey(secret(3));

const statementVector = {
  encoding:
    '01000008766563746f722d3193a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476a12871fee210fb8619291eaea194581cbd2531e4b23759d225f6806923f632220000000000000000000000000000000000000000000000000000000000000000f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f90000000004000000000000003b9aca00000000000000753000000000000493e0001000000003000000006b49d200',
  hash: '42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e0591',
};

const certificateVector = {
  body: '01f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc000673696c6f2d61000970726f66696c652d31000000006b49d200000000006bc07900',
  hash: '7acdcf5cdf09b6b550f62311060ec73a241ead58153814567d0a46847c3f67bd',
};

test('the statement vector encodes and hashes as documented', () => {
  const statement = {
    kind: 'public',
    jobId: 'vector-1',
    moduleHash: sha256(hexToBytes('0061736d01000000')),
    inputBinding: sha256(hexToBytes('0102')),
    nonce: new Uint8Array(32),
    requester,
    memoryBytes: 64n * 1024n * 1024n,
    fuel: 1_000_000_000n,
    wallClockMs: 30_000n,
    distributionTimeoutMs: 300_000n,
    maxOutputBytes: 1024n * 1024n,
    replication: 3,
    expiry: 1_800_000_000n,
  };
  const encoding = encodeStatement(statement);
  assert.equal(bytesToHex(encoding), statementVector.encoding);
  assert.equal(bytesToHex(statementHash(encoding)), statementVector.hash);
  assert.deepEqual(decodeStatement(encoding), statement);
});

test('a statement signed by its requester verifies, and one byte changed does not', () => {
  const encoding = hexToBytes(statementVector.encoding);
  const signed = concatBytes(encoding, schnorr.sign(hexToBytes(statementVector.hash), secret(3), new Uint8Array(32)));
  assert.equal(verifySignedStatement(signed).hash, statementVector.hash);
  const tampered = signed.slice();
  tampered[20] ^= 1;
  assert.throws(() => verifySignedStatement(tampered), /signature/);
  assert.throws(() => verifySignedStatement(concatBytes(signed, Uint8Array.of(0))), /signature|follow/);
});

test('the certificate vector hashes as documented and verifies within its validity only', () => {
  const authority = requester;
  const body = encodeCertificateBody({
    authority,
    validatorKey: schnorr.getPublicKey(secret(7)),
    operator: 'silo-a',
    profile: 'profile-1',
    notBefore: 1_800_000_000n,
    notAfter: 1_807_776_000n,
  });
  assert.equal(bytesToHex(body), certificateVector.body);
  const certificate = concatBytes(body, schnorr.sign(hexToBytes(certificateVector.hash), secret(3), new Uint8Array(32)));
  assert.equal(bytesToHex(decodeCertificate(certificate).body), certificateVector.body);
  assert.equal(verifyCertificate(certificate, authority, 1_800_000_000n).validatorId, 'v5cbdf0646e5db4ea');
  assert.ok(verifyCertificate(certificate, authority, 1_807_776_000n));
  assert.throws(() => verifyCertificate(certificate, authority, 1_799_999_999n), /not valid before/);
  assert.throws(() => verifyCertificate(certificate, authority, 1_807_776_001n), /expired/);
  assert.throws(() => verifyCertificate(certificate, schnorr.getPublicKey(secret(7)), 1_800_000_000n), /another authority/);
});

const revocationVector = {
  body: '01f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f95cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc000000006b49d200000f6b657920636f6d70726f6d69736564',
  hash: 'f270c308df41bf9322903b44bbb844155834da6a32bd388f38588ebf2805f7f9',
};

test('the revocation vector hashes as documented and verifies under its authority only', () => {
  const authority = requester;
  const body = encodeRevocationBody({
    authority, validatorKey: schnorr.getPublicKey(secret(7)), effectiveFrom: 1_800_000_000n, reason: 'key compromised',
  });
  assert.equal(bytesToHex(body), revocationVector.body);
  assert.equal(bytesToHex(taggedHash(REVOCATION_TAG, body)), revocationVector.hash);
  const revocation = concatBytes(body, schnorr.sign(hexToBytes(revocationVector.hash), secret(3), new Uint8Array(32)));
  assert.equal(verifyRevocation(revocation, authority).validatorId, 'v5cbdf0646e5db4ea');
  assert.throws(() => verifyRevocation(revocation, schnorr.getPublicKey(secret(7))), /another authority/);
  const forged = revocation.slice();
  forged[70] ^= 1;
  assert.throws(() => verifyRevocation(forged, authority), /does not verify/);
  assert.throws(() => decodeRevocation(concatBytes(revocation, Uint8Array.of(0))), /follow/);
});

// The vote (version 3) as documented with votes v3; receipts, which hold them, follow.
test('the vote vector encodes and hashes as documented', () => {
  const cohort = cohortHash(['v5cbdf0646e5db4ea', 'vc6047f9441ed7d6d', 've493dbf1c10d80f3']);
  assert.equal(bytesToHex(cohort), '76951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bd');
  const documented =
    '42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e05910000000176951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bdc5c1b1fe98c23f1bf9cf2ba5d8c6ba5ec26a9f4da01c2d1c0a6b50b1e2d53d4000000000000004d2000970726f66696c652d3100';
  const vote = decodeVote(hexToBytes(documented));
  assert.equal(bytesToHex(vote.statementHash), statementVector.hash);
  assert.deepEqual([vote.attempt, bytesToHex(vote.cohortHash), vote.fuel, vote.profile, vote.noteCommitment],
    [1, bytesToHex(cohort), 1234n, 'profile-1', null]);
  assert.equal(bytesToHex(encodeVote(vote)), documented);
  assert.equal(bytesToHex(voteHash(hexToBytes(documented))), 'dc518c3da70c9b0457548867e8cbc1bed0831b148d3b0b9e72dd94c1c5460ae8');
});

// The vote with an amount note of 42 under blinding 1 (docs/receipt-format.md): the flag is the note's kind.
test('the vote vector with a note decodes its kind and commitment', () => {
  const documented =
    '42e4e61d71b8fe5acf52c337dfb9bfde9e3b28bab2bbde4b2f7a4d49694e05910000000176951f4e10f536817bbe4bd6d8d28a789ba59e36b37842464e70c95d61cec5bdc5c1b1fe98c23f1bf9cf2ba5d8c6ba5ec26a9f4da01c2d1c0a6b50b1e2d53d4000000000000004d2000970726f66696c652d3101021c1f29a819b7d3fde56f425692e9cb9a6682ae412a1a1019b3261da6439371e6';
  const vote = decodeVote(hexToBytes(documented));
  assert.deepEqual([vote.noteKind, bytesToHex(vote.noteCommitment)],
    ['amount', '021c1f29a819b7d3fde56f425692e9cb9a6682ae412a1a1019b3261da6439371e6']);
  assert.equal(bytesToHex(encodeVote(vote)), documented);
  assert.equal(bytesToHex(voteHash(hexToBytes(documented))), '844b024e59bd7300838c2aa21b097773be1b3f171ca258d71973841f854a3dca');
  const asData = documented.slice(0, -68) + '02' + documented.slice(-66);
  assert.equal(decodeVote(hexToBytes(asData)).noteKind, 'data');
  const unknown = documented.slice(0, -68) + '03' + documented.slice(-66);
  assert.throws(() => decodeVote(hexToBytes(unknown)), /note flag 3/);
});

// The receipt vector (signatures made with fresh randomness, so it is checked by verifying it).
test('the receipt vector verifies with its output, names the documented claim, and refuses another output', () => {
  const documented = readFileSync(new URL('../../../docs/receipt-format.md', import.meta.url), 'utf8');
  const encoding = hexToBytes(/^receipt ([0-9a-f]+)$/m.exec(documented)[1]);
  const claim = /^claim +([0-9a-f]{64})$/m.exec(documented)[1];
  const output = new TextEncoder().encode('result');
  const verified = verifyReceipt(encoding, requester, { output });
  assert.deepEqual([verified.receipt.statement.jobId, verified.receipt.votes.length, verified.threshold, verified.claim],
    ['receipt-1', 3, 3, claim]);
  assert.throws(() => verifyReceipt(encoding, requester, { output: new TextEncoder().encode('resulx') }), /digest/);
  assert.throws(() => verifyReceipt(encoding, schnorr.getPublicKey(secret(7)), { output }), /another authority/);
  const kept = verified.receipt.statementEncoding;
  assert.ok(verifyReceipt(encoding, requester, { output, keptStatement: kept }));
  const another = kept.slice();
  another[another.length - 1] ^= 1;
  assert.throws(() => verifyReceipt(encoding, requester, { output, keptStatement: another }), /kept/);
  assert.throws(() => verifyReceipt(encoding, requester, { output, agreement: { numerator: 9, denominator: 10 } }), /below the threshold of 4/);
});

// Every vector's signatures use zero auxiliary randomness, so they and the whole receipt are reproduced exactly.
test('every documented signature, and the whole receipt, is reproduced byte for byte from the stated inputs', () => {
  const documented = readFileSync(new URL('../../../docs/receipt-format.md', import.meta.url), 'utf8');
  const sigs = [...documented.matchAll(/^sig +([0-9a-f]{128})$/gm)].map((match) => match[1]);
  const sign = (hash, last) => bytesToHex(schnorr.sign(hexToBytes(hash), secret(last), new Uint8Array(32)));
  assert.deepEqual(sigs, [
    sign(statementVector.hash, 3),
    sign(certificateVector.hash, 3),
    sign(revocationVector.hash, 3),
    sign('dc518c3da70c9b0457548867e8cbc1bed0831b148d3b0b9e72dd94c1c5460ae8', 7),
    sign('844b024e59bd7300838c2aa21b097773be1b3f171ca258d71973841f854a3dca', 7),
    sign('8d32bfd9adeb1f486704475496de6bd6c91f298a865cbd0c093c9d57409621ee', 7),
  ]);

  const zero = new Uint8Array(32);
  const authority = schnorr.getPublicKey(secret(3));
  const members = [7, 9, 11, 13];
  const statement = {
    kind: 'public', jobId: 'receipt-1', moduleHash: sha256(hexToBytes('0061736d01000000')), inputBinding: sha256(hexToBytes('0102')),
    nonce: new Uint8Array(32), requester: schnorr.getPublicKey(secret(5)), memoryBytes: 64n * 1024n * 1024n, fuel: 1_000_000_000n,
    wallClockMs: 30_000n, distributionTimeoutMs: 300_000n, maxOutputBytes: 1024n * 1024n, replication: 4, expiry: 1_800_000_000n,
  };
  const hash = statementHash(encodeStatement(statement));
  const cohort = members.map((member) => validatorIdOf(schnorr.getPublicKey(secret(member))));
  const digest = resultDigest(0, 0, new TextEncoder().encode('result'), null);
  const claim = voteHash(encodeVote({
    statementHash: hash, attempt: 1, cohortHash: cohortHash(cohort), digest, fuel: 1234n, profile: 'profile-1', noteCommitment: null,
  }));
  const votes = members.slice(0, 3).map((member, index) => {
    const body = encodeCertificateBody({
      authority, validatorKey: schnorr.getPublicKey(secret(member)), operator: `silo-${index}`, profile: 'profile-1',
      notBefore: 1_700_000_000n, notAfter: 1_800_000_000n,
    });
    return { certificate: concatBytes(body, schnorr.sign(taggedHash(CERTIFICATE_TAG, body), secret(3), zero)), signature: schnorr.sign(claim, secret(member), zero) };
  });
  const receipt = encodeReceipt({
    statement, statementSignature: schnorr.sign(hash, secret(5), zero), attempt: 1, profile: 'profile-1', cohort, statusCode: 0, code: 0,
    digest, fingerprint: null, fuel: 1234n, note: null, votes,
  });
  assert.equal(bytesToHex(receipt), /^receipt ([0-9a-f]+)$/m.exec(documented)[1]);
});
