/** A backup that cannot be restored, and why; nothing was written. */
export class BackupRefused extends Error {}
