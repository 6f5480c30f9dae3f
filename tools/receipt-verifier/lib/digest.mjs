// The result digest (docs/cryptography.md §11): what a vote signs about a result's status, code and output.
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const PUBLIC_TAG = utf8ToBytes('paraloom/compute-result/v1');
const PRIVATE_TAG = utf8ToBytes('paraloom/private-result/v1');

/**
 * SHA-256(tag ‖ status:u8 ‖ code:u32le ‖ len(output):u64le ‖ output [‖ fingerprint]): the private tag and the
 * fingerprint only when there is one (a private job's successful result). Note the little-endian fields here.
 */
export function resultDigest(status, code, output, fingerprint) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint8(0, status);
  view.setUint32(1, code, true);
  view.setBigUint64(5, BigInt(output.length), true);
  return fingerprint
    ? sha256(concatBytes(PRIVATE_TAG, header, output, fingerprint))
    : sha256(concatBytes(PUBLIC_TAG, header, output));
}
