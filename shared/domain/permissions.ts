import type { Role } from './people';

/** What a role may do; the station checks every /desk command, and every reducer checks again. */
export const PERMISSIONS = {
  'mention.read': ['admin', 'lead', 'approver', 'operator', 'observer'],
  'mention.work': ['admin', 'lead', 'approver', 'operator'],
  'mention.create': ['admin', 'lead', 'approver', 'operator'],
  'mention.import': ['admin', 'lead'],
  /** Releasing or reopening somebody else's mention. */
  'mention.override': ['admin', 'lead'],
  'operator.read': ['admin', 'lead', 'approver', 'operator', 'observer'],
  'operator.manage': ['admin'],
  /** Starting a playbook run (moving it on, severity, commander: judged by the run itself). */
  'run.start': ['admin', 'lead'],
  /** Checking off steps, approving gates (the run checks the gate's role), status updates. */
  'run.work': ['admin', 'lead', 'approver', 'operator'],
  /** Importing playbooks into a station's library. */
  'playbook.manage': ['admin', 'lead'],
  /** Drafting replies and statements, and sending what the policy lets through. */
  'message.draft': ['admin', 'lead', 'approver', 'operator'],
  'message.send': ['admin', 'lead', 'approver', 'operator'],
  /** Reviewing (for the areas one holds), retiring library statements. */
  'message.approve': ['admin', 'lead', 'approver'],
  /** Changing the room's approval policy. */
  'policy.manage': ['admin'],
  /** Re-routing a mention by hand (department, priority). */
  'mention.route': ['admin', 'lead'],
  /** Changing the room's routing rules and SLA targets. */
  'routing.manage': ['admin'],
  /** Adding peers to a station by address. */
  'sync.manage': ['admin', 'lead'],
  /** Join codes for new stations, and HTTPS for LAN browsers on a station. */
  'station.manage': ['admin'],
  /** Planning events and setting the staffing level by hand. */
  'staffing.manage': ['admin', 'lead'],
  /** Checking oneself in and out of a shift. */
  'roster.check-in': ['admin', 'lead', 'approver', 'operator'],
  /** Writing retrospectives: sections, action items, annotations, pinned mentions. */
  'review.write': ['admin', 'lead', 'approver', 'operator'],
  /** Moving a retrospective along (in review, closed, reopened). */
  'review.manage': ['admin', 'lead'],
  /** Checking others out, planning shifts. */
  'roster.manage': ['admin', 'lead'],
  /**
   * Confirming that two customers are one (a suggested merge) or dismissing the suggestion: the
   * operator at the mention sees the evidence, and a merge is undone as easily as it is made.
   */
  'contact.merge': ['admin', 'lead', 'approver', 'operator'],
  /** Unmerging somebody else's merge (its author may undo their own). */
  'contact.override': ['admin', 'lead'],
  /**
   * Erasing one person's data on request (GDPR/KVKK): the admin, who answers for the room's
   * data, and nobody else — it cannot be undone.
   */
  'privacy.erase': ['admin'],
  /** Setting the room's retention rules. */
  'privacy.manage': ['admin'],
  /** Seeing the record of erasures and the retention rules (who, when, a reference, counts). */
  'privacy.read': ['admin', 'lead'],
} as const satisfies Record<string, readonly Role[]>;

/** A permission name. */
export type Permission = keyof typeof PERMISSIONS;

/** True when the role holds the permission. */
export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
