import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import type { Context } from 'hono';
import { ApiError } from '../../http/errors.ts';

/** A CSV/Excel upload spooled to a temporary file: the server never holds the file in memory. */
export interface Upload {
  path: string;
  name: string | null;
  size: number;
  /** sha256 of the file's bytes, computed while it streamed in. */
  hash: string;
  /** The other multipart fields (mapping, skip_invalid, progress_id), at most 64 KB each. */
  fields: Record<string, string>;
  /** Removes the temporary file; call it in a finally. */
  dispose(): Promise<void>;
}

export const payloadTooLarge = (max: number) => new ApiError(413, 'payload_too_large', `The file is larger than ${max} bytes`);

/**
 * Streams a multipart/form-data upload (its `file` field) to a temporary file through busboy,
 * hashing it on the way, and refuses it with 413 once it passes `maxBytes`. Memory holds one chunk.
 */
export async function receiveUpload(c: Context, maxBytes: number): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError(415, 'unsupported_media_type', 'Upload the file as multipart/form-data in a field named "file"');
  }
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) {
    c.header('connection', 'close');
    throw payloadTooLarge(maxBytes);
  }
  const body = c.req.raw.body;
  if (!body) throw new ApiError(400, 'invalid_upload', 'Send the file in a multipart field named "file"');

  const path = join(tmpdir(), `lotbook-import-${randomUUID()}`);
  const dispose = () => rm(path, { force: true });
  // Refused before the end of the body: the client must not reuse this connection.
  const tooBig = () => {
    c.header('connection', 'close');
    return payloadTooLarge(maxBytes);
  };
  const fields: Record<string, string> = {};
  let file: { name: string | null; size: number; hash: string } | null = null;
  let busboy: BusboyInstance;
  try {
    busboy = new Busboy({ headers: { 'content-type': type }, limits: { files: 1, fileSize: maxBytes, fieldSize: 64 * 1024, fields: 10, parts: 12 } });
  } catch {
    throw new ApiError(400, 'invalid_upload', 'The multipart body could not be read');
  }
  const writes: Promise<void>[] = [];
  let tooLarge = false;
  let writeError: unknown = null;
  const open: { stream: { destroy(): void } | null } = { stream: null };
  const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  busboy.on('field', (name: string, value: string) => {
    fields[name] = value;
  });
  busboy.on('file', (field: string, stream: NodeJS.ReadableStream & { truncated?: boolean }, filename: string) => {
    if (field !== 'file' || file) {
      stream.resume();
      return;
    }
    open.stream = stream as unknown as { destroy(): void };
    const hash = createHash('sha256');
    let size = 0;
    const entry = { name: filename ? filename.slice(0, 200) : null, size: 0, hash: '' };
    file = entry;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
    });
    stream.on('limit', () => {
      // Stop reading at once: the rest of a too-large body is not worth receiving.
      tooLarge = true;
      source.destroy(new Error('file too large'));
    });
    // Settled at once (never an unhandled rejection when the body breaks off); a failure is rethrown below.
    writes.push(
      pipeline(stream, createWriteStream(path)).then(
        () => {
          entry.size = size;
          entry.hash = hash.digest('hex');
        },
        (err: unknown) => {
          writeError = err ?? new Error('upload interrupted');
        },
      ),
    );
  });
  try {
    await pipeline(source, busboy);
    await Promise.all(writes);
    if (writeError) throw writeError;
  } catch (err) {
    // Stop the file's stream: its write then settles (as an error, already handled above).
    open.stream?.destroy();
    await Promise.race([Promise.all(writes), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    await dispose();
    if (tooLarge || isBodyLimit(err)) throw tooBig();
    throw new ApiError(400, 'invalid_upload', 'The multipart body could not be read');
  }
  if (tooLarge) {
    await dispose();
    throw tooBig();
  }
  const got = file as { name: string | null; size: number; hash: string } | null;
  if (!got) {
    await dispose();
    throw new ApiError(400, 'invalid_upload', 'Send the file in a multipart field named "file"');
  }
  return { path, name: got.name, size: got.size, hash: got.hash, fields, dispose };
}

/** Hono's bodyLimit errors a chunked body's stream once it passes its limit. */
const isBodyLimit = (err: unknown) => err instanceof Error && err.name === 'BodyLimitError';
