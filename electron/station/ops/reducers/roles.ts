import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import type { Role } from '../../../../shared/domain/people';
import { SYSTEM_ACTOR } from '../op';
import { RECOVERY_ACTOR } from '../recovery-payloads';
import { RecoveryHistory } from './recovery';

type RoleChange = {
  id: string;
  hlc: string;
  actor: string;
  role?: Role;
  disabled?: boolean;
  areas?: string[];
  /** A `room.recover` op: valid when the room's recovery fold applied it, not by its author. */
  recovery?: true;
  /** An `operator.revoke` op: disabled for good (only a recovery makes the account work again). */
  revoked?: true;
};

/** Account ops that change roles: role grants, and recoveries by the room's recovery code. */
const ROLE_OPS = ['operator.create', 'operator.update', 'room.recover', 'operator.revoke'];

/**
 * Answers "which role did this actor hold at this HLC?" from the account ops themselves (role
 * grants are ops too: DECISIONS.md 2), so an op is judged by the roles in force when it was
 * recorded. A grant only counts if its own author was an admin just before it — checked
 * recursively, which ends because each step looks strictly earlier in HLC.
 */
export class RoleHistory {
  private readonly changes = new Map<string, RoleChange[]>();
  private readonly valid = new Map<string, boolean>();
  /** The room's recovery ops, folded (a recovery makes an admin). */
  recovery: RecoveryHistory;

  constructor(private readonly sql: Sql) {
    this.recovery = new RecoveryHistory(sql, this);
  }

  /** Loads the histories of these actors and of everyone who granted them roles. */
  async load(actors: Iterable<string>): Promise<void> {
    const queue = [...actors];
    while (queue.length > 0) {
      const actor = queue.pop() as string;
      if (this.changes.has(actor) || actor === SYSTEM_ACTOR || actor === RECOVERY_ACTOR) continue;
      const ops = await opsBySubject(this.sql, actor, ROLE_OPS);
      const list = ops.map((o) => {
        if (o.type === 'room.recover') {
          const r: RoleChange = { id: o.id, hlc: o.hlc, actor: o.actor, role: 'admin' };
          return { ...r, disabled: false, recovery: true as const };
        }
        if (o.type === 'operator.revoke')
          return { id: o.id, hlc: o.hlc, actor: o.actor, disabled: true, revoked: true as const };
        const p = (o.payload ?? {}) as { role?: Role; disabled?: boolean; areas?: string[] };
        const c: RoleChange = { id: o.id, hlc: o.hlc, actor: o.actor };
        if (p.role !== undefined) c.role = p.role;
        if (p.disabled !== undefined) c.disabled = p.disabled;
        if (p.areas !== undefined) c.areas = p.areas;
        return c;
      });
      this.changes.set(actor, list);
      for (const c of list) queue.push(c.actor);
      if (list.some((c) => c.recovery)) await this.recovery.load();
    }
  }

  /** Forgets what was loaded (after role ops were applied). */
  reset(): void {
    this.changes.clear();
    this.valid.clear();
    this.recovery = new RecoveryHistory(this.sql, this);
  }

  /** The role in force at hlc (inclusive), or null for an unknown or disabled actor. */
  roleAt(actor: string, hlc: string): Role | null {
    return this.roleBefore(actor, hlc, true);
  }

  /** The approval areas held at hlc (inclusive): none for an unknown or disabled actor. */
  areasAt(actor: string, hlc: string): string[] {
    if (this.roleAt(actor, hlc) === null) return [];
    let areas: string[] = [];
    for (const c of this.changes.get(actor) ?? []) {
      if (c.hlc > hlc) break;
      if (this.isValid(c) && c.areas !== undefined) areas = c.areas;
    }
    return areas;
  }

  private roleBefore(actor: string, hlc: string, inclusive: boolean): Role | null {
    if (actor === SYSTEM_ACTOR) return 'admin';
    let role: Role | null = null;
    let disabled = false;
    let revoked = false;
    for (const c of this.changes.get(actor) ?? []) {
      if (inclusive ? c.hlc > hlc : c.hlc >= hlc) break;
      if (!this.isValid(c)) continue;
      if (c.role !== undefined) role = c.role;
      if (c.disabled !== undefined) disabled = c.disabled;
      if (c.revoked) revoked = true;
      else if (c.recovery) revoked = false;
    }
    return disabled || revoked ? null : role;
  }

  private isValid(c: RoleChange): boolean {
    let ok = this.valid.get(c.id);
    if (ok === undefined) {
      ok = c.recovery
        ? this.recovery.applied(c.id)
        : this.roleBefore(c.actor, c.hlc, false) === 'admin';
      this.valid.set(c.id, ok);
    }
    return ok;
  }
}
