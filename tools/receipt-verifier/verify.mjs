#!/usr/bin/env node
// paraloom-verify: checks job statements, validator certificates, votes or whole job receipts offline, from
// docs/receipt-format.md.
// Usage: node verify.mjs statement|certificate|vote|receipt FILE... [--network-key HEX] [--at UNIX_SECONDS]
//        [--validator-key HEX] [--output FILE] [--statement FILE] [--agreement N/D] [--revoked FILE]...
// Prints one verdict line per file ("FILE: valid …" or "FILE: invalid: why"); exits 0 when every file is valid,
// 1 when one is not, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { FormatError } from './lib/bytes.mjs';
import { verifyCertificate } from './lib/certificate.mjs';
import { parseXOnlyKey } from './lib/keys.mjs';
import { verifyReceipt } from './lib/receipt.mjs';
import { verifyRevocation } from './lib/revocation.mjs';
import { verifySignedStatement } from './lib/statement.mjs';
import { verifyVote } from './lib/vote.mjs';

const USAGE = 'usage: node verify.mjs statement|certificate|vote|receipt FILE... [--network-key HEX] [--at UNIX_SECONDS] '
  + '[--validator-key HEX] [--output FILE] [--statement FILE] [--agreement N/D] [--revoked FILE]...';

const checks = {
  statement: (bytes) => {
    const { statement, hash } = verifySignedStatement(bytes);
    return `valid ${statement.kind} statement of job ${statement.jobId}, hash ${hash}`;
  },
  certificate: (bytes, options) => {
    const { certificate, validatorId } = verifyCertificate(bytes, options.networkKey(), options.at);
    return `valid certificate of ${validatorId} (operator ${certificate.operator}, profile ${certificate.profile})`;
  },
  // A vote on its own: the claim's encoding, then the member's 64-byte signature.
  vote: (bytes, options) => {
    if (bytes.length < 64) throw new FormatError('shorter than a signature');
    const { vote, hash } = verifyVote(bytes.subarray(0, bytes.length - 64), bytes.subarray(bytes.length - 64), options.validatorKey());
    return `valid vote on attempt ${vote.attempt} of statement ${Buffer.from(vote.statementHash).toString('hex')}, hash ${hash}`;
  },
  // A whole receipt, under the network key; the output received and the statement kept are checked when given.
  receipt: (bytes, options) => {
    const { receipt, threshold, outputChecked } = verifyReceipt(bytes, options.networkKey(), {
      output: options.output,
      keptStatement: options.keptStatement,
      agreement: options.agreement,
      revocations: options.revocations(),
    });
    return `valid receipt of job ${receipt.statement.jobId}, attempt ${receipt.attempt}: ${receipt.status}`
      + `${receipt.status === 'ok' ? '' : ` code ${receipt.code}`}, ${receipt.votes.length} votes of ${threshold} needed, `
      + (outputChecked ? 'output checked' : 'output not checked');
  },
};

function parse(argv) {
  const [kind, ...rest] = argv;
  const files = [];
  const keys = {};
  let at = BigInt(Math.floor(Date.now() / 1000));
  let output;
  let keptStatement;
  let agreement;
  const revokedFiles = [];
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (argument === '--network-key' || argument === '--validator-key') {
      keys[argument] = rest[++index];
    } else if (argument === '--at') {
      const value = rest[++index];
      if (!/^\d+$/.test(value ?? '')) throw new UsageError('--at takes Unix seconds');
      at = BigInt(value);
    } else if (argument === '--output' || argument === '--statement') {
      const file = rest[++index];
      if (file === undefined) throw new UsageError(`${argument} takes a file`);
      const bytes = readOption(file, argument);
      if (argument === '--output') output = bytes;
      // The signed statement the requester kept (its encoding, then its signature): its encoding is compared.
      else keptStatement = bytes.slice(0, Math.max(0, bytes.length - 64));
    } else if (argument === '--revoked') {
      const file = rest[++index];
      if (file === undefined) throw new UsageError('--revoked takes a file');
      revokedFiles.push(file);
    } else if (argument === '--agreement') {
      const match = /^(\d+)\/(\d+)$/.exec(rest[++index] ?? '');
      const [numerator, denominator] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
      // Above one half and at most one, as a network's fraction must be.
      if (!match || denominator === 0 || numerator * 2 <= denominator || numerator > denominator) {
        throw new UsageError('--agreement takes a fraction N/D above 1/2 and at most 1');
      }
      agreement = { numerator, denominator };
    } else if (argument.startsWith('--')) {
      throw new UsageError(`unknown option ${argument}`);
    } else {
      files.push(argument);
    }
  }
  if (!(kind in checks) || files.length === 0) {
    throw new UsageError(USAGE);
  }
  const options = {
    kind,
    files,
    at,
    output,
    keptStatement,
    agreement,
    networkKey: memoize(() => keyOption(kind, keys, '--network-key')),
    validatorKey: memoize(() => keyOption(kind, keys, '--validator-key')),
  };
  options.revocations = memoize(() => revocationsIn(revokedFiles, options.networkKey()));
  return options;
}

/**
 * The revocations in the files (what `paraloom validators revoke` writes: JSON with the revocation's canonical bytes in
 * hex) that the pinned authority issued. Another authority's, or one whose signature fails, revokes nothing: it is left
 * out with a warning, so the verdict never depends on who wrote a file. A file that is no revocation is a usage error.
 */
function revocationsIn(files, networkKey) {
  const revocations = [];
  for (const file of files) {
    let encoding;
    try {
      const document = JSON.parse(new TextDecoder().decode(readOption(file, '--revoked')));
      if (document?.format !== 'paraloom-validator-revocation' || document.version !== 1 || !/^([0-9a-f]{2})+$/.test(document.revocation ?? '')) {
        throw new FormatError('not a version-1 paraloom-validator-revocation document');
      }
      encoding = Uint8Array.from(Buffer.from(document.revocation, 'hex'));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--revoked ${file}: ${error.message}`);
    }
    try {
      revocations.push(verifyRevocation(encoding, networkKey).revocation);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      console.error(`--revoked ${file} revokes nothing under this network key: ${error.message}`);
    }
  }
  return revocations;
}

function keyOption(kind, keys, option) {
  if (keys[option] === undefined) throw new UsageError(`${kind} needs ${option}`);
  try {
    return parseXOnlyKey(keys[option], option);
  } catch (error) {
    throw new UsageError(error.message);
  }
}

class UsageError extends Error {}

function readOption(file, option) {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new UsageError(`${option} ${file}: ${error.message}`);
  }
}

function main(argv) {
  let options;
  try {
    options = parse(argv);
    // The key a check needs is a usage matter: asked for before any file is read.
    ({ certificate: options.networkKey, vote: options.validatorKey, receipt: options.networkKey })[options.kind]?.();
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  let allValid = true;
  for (const file of options.files) {
    try {
      console.log(`${file}: ${checks[options.kind](readFileSync(file), options)}`);
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(error.message);
        return 2;
      }
      if (!(error instanceof FormatError) && error.code !== 'ENOENT') throw error;
      allValid = false;
      console.log(`${file}: invalid: ${error.message}`);
    }
  }
  return allValid ? 0 : 1;
}

function memoize(compute) {
  let value;
  return () => (value ??= compute());
}

process.exitCode = main(process.argv.slice(2));
