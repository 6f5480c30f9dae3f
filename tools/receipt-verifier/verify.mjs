#!/usr/bin/env node
// paraloom-verify: checks job statements, validator certificates or votes offline, from docs/receipt-format.md (receipts follow).
// Usage: node verify.mjs statement|certificate|vote FILE... [--network-key HEX] [--at UNIX_SECONDS] [--validator-key HEX]
// Prints one verdict line per file ("FILE: valid …" or "FILE: invalid: why"); exits 0 when every file is valid,
// 1 when one is not, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { FormatError } from './lib/bytes.mjs';
import { verifyCertificate } from './lib/certificate.mjs';
import { parseXOnlyKey } from './lib/keys.mjs';
import { verifySignedStatement } from './lib/statement.mjs';
import { verifyVote } from './lib/vote.mjs';

const USAGE = 'usage: node verify.mjs statement|certificate|vote FILE... [--network-key HEX] [--at UNIX_SECONDS] [--validator-key HEX]';

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
};

function parse(argv) {
  const [kind, ...rest] = argv;
  const files = [];
  const keys = {};
  let at = BigInt(Math.floor(Date.now() / 1000));
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (argument === '--network-key' || argument === '--validator-key') {
      keys[argument] = rest[++index];
    } else if (argument === '--at') {
      const value = rest[++index];
      if (!/^\d+$/.test(value ?? '')) throw new UsageError('--at takes Unix seconds');
      at = BigInt(value);
    } else if (argument.startsWith('--')) {
      throw new UsageError(`unknown option ${argument}`);
    } else {
      files.push(argument);
    }
  }
  if (!(kind in checks) || files.length === 0) {
    throw new UsageError(USAGE);
  }
  return {
    kind,
    files,
    at,
    networkKey: memoize(() => keyOption(kind, keys, '--network-key')),
    validatorKey: memoize(() => keyOption(kind, keys, '--validator-key')),
  };
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

function main(argv) {
  let options;
  try {
    options = parse(argv);
    // The key a check needs is a usage matter: asked for before any file is read.
    ({ certificate: options.networkKey, vote: options.validatorKey })[options.kind]?.();
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
