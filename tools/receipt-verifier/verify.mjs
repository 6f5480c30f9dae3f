#!/usr/bin/env node
// paraloom-verify: checks a job statement, a validator certificate or a receipt offline, from docs/receipt-format.md.
// Usage: node verify.mjs statement|certificate FILE... [--network-key HEX] [--at UNIX_SECONDS]
// Prints one verdict line per file ("FILE: valid …" or "FILE: invalid: why"); exits 0 when every file is valid,
// 1 when one is not, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { FormatError } from './lib/bytes.mjs';
import { verifyCertificate } from './lib/certificate.mjs';
import { parseXOnlyKey } from './lib/keys.mjs';
import { verifySignedStatement } from './lib/statement.mjs';

const USAGE = 'usage: node verify.mjs statement|certificate FILE... [--network-key HEX] [--at UNIX_SECONDS]';

const checks = {
  statement: (bytes) => {
    const { statement, hash } = verifySignedStatement(bytes);
    return `valid ${statement.kind} statement of job ${statement.jobId}, hash ${hash}`;
  },
  certificate: (bytes, options) => {
    const { certificate, validatorId } = verifyCertificate(bytes, options.networkKey(), options.at);
    return `valid certificate of ${validatorId} (operator ${certificate.operator}, profile ${certificate.profile})`;
  },
};

function parse(argv) {
  const [kind, ...rest] = argv;
  const files = [];
  let networkKey;
  let at = BigInt(Math.floor(Date.now() / 1000));
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (argument === '--network-key') {
      networkKey = rest[++index];
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
    networkKey: () => {
      if (networkKey === undefined) throw new UsageError(`${kind} needs --network-key`);
      try {
        return parseXOnlyKey(networkKey, '--network-key');
      } catch (error) {
        throw new UsageError(error.message);
      }
    },
  };
}

class UsageError extends Error {}

function main(argv) {
  let options;
  try {
    options = parse(argv);
    options.networkKey = memoize(options.networkKey);
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
