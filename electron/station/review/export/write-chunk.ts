import type { Writable } from 'node:stream';

/** Thrown when an export's output closed before the export was written (the reader went away). */
export class OutputClosedError extends Error {
  constructor() {
    super('the export was abandoned: its output closed');
  }
}

/**
 * Writes a chunk, waiting for the stream to drain when its buffer is full. Rejects when the
 * stream closes or fails first (a download cancelled half way), so an export never waits for a
 * 'drain' that will not come.
 */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new OutputClosedError();
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new OutputClosedError());
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    out.once('drain', onDrain);
    out.once('close', onClose);
    out.once('error', onError);
  });
}
