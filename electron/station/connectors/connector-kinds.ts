import type { ConnectorKind } from './connector-kind';
import { imapKind } from './email/imap-kind';
import { rssKind } from './rss/rss-kind';
import { watchFolderKind } from './watch-folder/watch-folder-kind';
import { webhookKind } from './webhook/webhook-kind';

/**
 * Every connector kind the station can run (connector-kind.ts says how to write one). Add a
 * kind here, once; connectors.yaml, the admin form and health follow from it.
 */
export const KINDS: readonly ConnectorKind[] = [webhookKind, rssKind, watchFolderKind, imapKind];
