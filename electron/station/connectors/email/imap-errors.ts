import type { ImapConfig } from './imap-settings';

type ImapErrorFields = {
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  message?: string;
};

/** Whether the server refused the login (wrong user or password). */
export function isAuthFailure(err: unknown): boolean {
  return (err as ImapErrorFields | null)?.authenticationFailed === true;
}

/**
 * What went wrong with a mailbox, in words an administrator can act on (the health panel shows
 * it): which server, what failed, and what to check. Never includes the password.
 */
export function describeImapError(
  err: unknown,
  c: Pick<ImapConfig, 'host' | 'port' | 'user' | 'mailbox'>,
): string {
  const e = (err ?? {}) as ImapErrorFields;
  const where = `${c.host}:${c.port}`;
  const said = e.responseText ? ` (server said: ${e.responseText})` : '';
  if (isAuthFailure(err))
    return `${where} refused the login of "${c.user}": check the user name and password${said}`;
  if (
    e.serverResponseCode === 'NONEXISTENT' ||
    /mailbox doesn't exist|nonexistent/i.test(e.responseText ?? '')
  )
    return `${where} has no folder "${c.mailbox}"${said}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection: is the IMAP server running, and is the port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `no such host "${c.host}" (DNS): check the server name`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
      return `${where} did not answer in time: check the address, the port and the network`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'NoConnection':
    case 'EConnectionClosed':
      return `${where} dropped the connection`;
    case 'GREETING_TIMEOUT':
      return `${where} accepted the connection but never greeted: is it an IMAP port?`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `${where}'s certificate is not trusted (${e.code}): fix the certificate, or allow a self-signed one in the settings if it is the server's own`;
  }
  const message = e.message ?? String(err);
  return `${where}: ${message}${said && !message.includes(e.responseText ?? '') ? said : ''}`;
}
