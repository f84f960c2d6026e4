import type { Attachment } from 'mailparser';

/** Longest file name shown (a name is the sender's text: it may be anything, and long). */
const MAX_NAME_CHARS = 200;
/** Longest attachments line kept in metadata (MetadataSchema: values up to 2,000 characters). */
const MAX_LINE_CHARS = 1_900;

/** One attachment as a mention lists it: never its content. */
export type ListedAttachment = { filename: string; type: string; size: number; inline: boolean };

/** The attachments of a parsed mail as names, types and sizes (the content is dropped). */
export function listAttachments(attachments: readonly Attachment[]): ListedAttachment[] {
  return attachments.map((a) => ({
    filename: cleanName(a.filename) || `(unnamed ${a.contentType})`,
    type: a.contentType,
    size: a.size,
    inline: a.related === true || a.contentDisposition === 'inline',
  }));
}

/** A human line for the desk: `report.pdf (application/pdf, 12.3 KB); …`, cut to fit metadata. */
export function attachmentsLine(list: readonly ListedAttachment[]): string {
  const parts = list.map(
    (a) => `${a.filename} (${a.type}, ${sizeText(a.size)}${a.inline ? ', inline' : ''})`,
  );
  let line = parts.join('; ');
  if (line.length > MAX_LINE_CHARS)
    line = `${line.slice(0, MAX_LINE_CHARS)}… (${list.length} in all)`;
  return line;
}

/** Bytes in B, KB or MB (1 KB = 1,024 bytes), one decimal above bytes. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function cleanName(name: string | undefined): string {
  return (
    (name ?? '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, MAX_NAME_CHARS)
  );
}
