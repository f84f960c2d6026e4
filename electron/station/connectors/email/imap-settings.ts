import type { ImapFlowOptions } from 'imapflow';
import { z } from 'zod';

/** An IMAP mailbox's settings (connectors.yaml, or the admin form). */
export const ImapSettings = z.object({
  host: z.string().trim().min(1).max(253).describe('IMAP server name or address'),
  port: z
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(993)
    .describe('IMAP port: 993 for TLS, 143 for STARTTLS or none'),
  tls: z
    .enum(['implicit', 'starttls', 'none'])
    .default('implicit')
    .describe(
      'implicit: TLS from the start (port 993); starttls: upgrade or refuse (port 143); none: the password crosses the network unencrypted (a server on this machine only)',
    ),
  allowSelfSigned: z
    .boolean()
    .default(false)
    .describe("Accept a server certificate no authority vouches for (an office server's own)"),
  user: z.string().min(1).max(320).describe('Login name, often the mailbox address'),
  password: z.string().min(1).max(1024).describe('Password or app password'),
  mailbox: z.string().min(1).max(512).default('INBOX').describe('Folder to read'),
  backfillDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(3)
    .describe('On first start, also take in the mail of this many past days (0: only new mail)'),
  pollSeconds: z
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(60)
    .describe('Look for new mail at least this often (new mail is also pushed by IDLE)'),
});
/** Parsed IMAP settings. */
export type ImapConfig = z.output<typeof ImapSettings>;

/** imapflow's options for these settings: no logging, bounded waits and responses. */
export function imapOptionsOf(c: ImapConfig): ImapFlowOptions {
  return {
    host: c.host,
    port: c.port,
    secure: c.tls === 'implicit',
    doSTARTTLS: c.tls === 'starttls' ? true : c.tls === 'none' ? false : undefined,
    auth: { user: c.user, pass: c.password },
    tls: { rejectUnauthorized: !c.allowSelfSigned },
    logger: false,
    clientInfo: { name: 'Holdline' },
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 5 * 60_000,
    // Re-issue IDLE now and then: some servers and NAT boxes silently forget a quiet connection.
    maxIdleTime: Math.min(c.pollSeconds * 1000, 5 * 60_000),
    // A server's answer never needs more than one fetched message plus framing.
    maxLiteralSize: 64 * 1024 * 1024,
    maxResponseSize: 128 * 1024 * 1024,
  };
}
