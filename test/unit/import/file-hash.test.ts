import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../electron/backend/imports/file-hash';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-file-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('sha256 of a statement file', () => {
  it('is the SHA-256 of its bytes, for an empty file, a short one and one of several 1 MiB chunks', async () => {
    // FIPS 180-2 test vectors: SHA-256("") and SHA-256("abc").
    expect(await sha256File(file('empty.csv', ''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256File(file('abc.csv', 'abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // One million 'a's (the third vector); then it three times with a tail, 3,000,007 bytes: two full 1 MiB chunks (2,097,152) and 902,855 bytes.
    const million = 'a'.repeat(1_000_000);
    expect(await sha256File(file('a-million.csv', million))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
    const long = Buffer.from(`${million}${million}${million}tail\r\n!`);
    expect(long.byteLength).toBe(3_000_007);
    const { createHash } = await import('node:crypto');
    expect(await sha256File(file('long.csv', long))).toBe(createHash('sha256').update(long).digest('hex'));
  });

  it('names the file it cannot read, and stops as cancelled when the import is', async () => {
    await expect(sha256File(path.join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'not_found', file: 'missing.csv' });
    const cancel = new AbortController();
    cancel.abort();
    await expect(sha256File(file('cancelled.csv', 'abc'), cancel.signal)).rejects.toMatchObject({ code: 'cancelled', file: 'cancelled.csv' });
  });
});
