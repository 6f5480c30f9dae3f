// Reading and writing the big-endian, length-prefixed fields of docs/receipt-format.md, and its tagged hash.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, concatBytes, hexToBytes };

/** A field that breaks the format: the verdict names it. */
export class FormatError extends Error {}

/** TaggedHash(tag, m) = SHA-256(SHA-256(tag) ‖ SHA-256(tag) ‖ m), BIP-340's construction. */
export function taggedHash(tag, message) {
  const tagHash = sha256(utf8ToBytes(tag));
  return sha256(concatBytes(tagHash, tagHash, message));
}

/** Reads fields in order; every read names its field, so a short or malformed encoding says where it broke. */
export class Reader {
  #bytes;
  #offset = 0;

  constructor(bytes) {
    this.#bytes = bytes;
  }

  get offset() {
    return this.#offset;
  }

  bytes(length, field) {
    if (this.#offset + length > this.#bytes.length) {
      throw new FormatError(`${field}: the encoding ends early`);
    }
    const value = this.#bytes.slice(this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }

  byte(field) {
    return this.bytes(1, field)[0];
  }

  /** An unsigned big-endian integer of 2, 4 or 8 bytes, as a BigInt. */
  unsigned(length, field) {
    return this.bytes(length, field).reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  }

  /** A 2-byte length n in [min, max], then n bytes of UTF-8 that must decode strictly (a leading U+FEFF is text too). */
  text(field, min, max) {
    const length = Number(this.unsigned(2, `${field} length`));
    if (length < min || length > max) {
      throw new FormatError(`${field} length ${length} is outside ${min}–${max}`);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(this.bytes(length, field));
    } catch (error) {
      if (error instanceof FormatError) throw error;
      throw new FormatError(`${field} is not UTF-8`);
    }
  }

  /** Nothing may follow the last field. */
  end(field) {
    if (this.#offset !== this.#bytes.length) {
      throw new FormatError(`${this.#bytes.length - this.#offset} bytes follow the ${field}`);
    }
  }
}

/** Writes fields in order, the inverse of Reader. */
export class Writer {
  #parts = [];

  bytes(value) {
    this.#parts.push(value);
    return this;
  }

  byte(value) {
    return this.bytes(Uint8Array.of(value));
  }

  unsigned(length, value) {
    const out = new Uint8Array(length);
    let rest = BigInt(value);
    for (let index = length - 1; index >= 0; index--) {
      out[index] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    return this.bytes(out);
  }

  text(value) {
    const encoded = utf8ToBytes(value);
    return this.unsigned(2, encoded.length).bytes(encoded);
  }

  toBytes() {
    return concatBytes(...this.#parts);
  }
}

export function equalBytes(a, b) {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** Text with no control characters (C0, DEL, C1), as operators and profiles must be. */
export function hasControlCharacters(text) {
  return /[\u0000-\u001f\u007f-\u009f]/u.test(text);
}

/** Text of white space only, as the document lists it (operators and profiles may not be): not JavaScript's \s. */
export function isBlank(text) {
  return /^[\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/u.test(text);
}

/** The last second a time field may name: 9999-12-31T23:59:59Z. */
export const LATEST_SECONDS = 253_402_300_799n;
