import type { Sql } from '../../db/connection';
import { recoveryOps } from '../../db/queries/recovery';
import type { Verdict } from '../../../../shared/domain/mention-state';
import type { Op } from '../op';
import { RecoveryKeyV1, RoomRecoverV1 } from '../recovery-payloads';
import { verifyRecovery } from '../../room/recovery-code';

/** Where the room's recovery stands: the key in force, the keys used, the keys an admin replaced. */
export type RecoveryState = {
  key: string | null;
  used: ReadonlySet<string>;
  replaced: ReadonlySet<string>;
};

/** Answers "which role did this actor hold at this HLC?" (RoleHistory, which owns this). */
type Roles = {
  load(actors: Iterable<string>): Promise<void>;
  roleAt(actor: string, hlc: string): string | null;
};

/** What refuses a recover op, given the state before it (null: it applies). */
export function recoverRefusal(state: RecoveryState, payload: unknown): string | null {
  const p = RoomRecoverV1.safeParse(payload);
  if (!p.success) return 'malformed recovery';
  const { signature, ...signed } = p.data;
  if (state.key === null) return 'the room has no recovery code';
  if (state.used.has(signed.recoveryKey))
    return 'this recovery code was already used; each code works once';
  if (state.replaced.has(signed.recoveryKey))
    return 'this recovery code was replaced by a newer one';
  if (signed.recoveryKey !== state.key) return "not made with the room's recovery code";
  if (signed.nextRecoveryKey === signed.recoveryKey)
    return 'a recovery must name a fresh recovery code';
  if (!verifyRecovery(state.key, signed, signature))
    return 'the recovery signature does not verify';
  return null;
}

/**
 * Folds the room's recovery ops in HLC order: `room.recovery-key` (by an admin, or the genesis)
 * puts a key in force; a `room.recover` signed by the key in force applies once and puts the
 * fresh key it names in force, so a used code is refused on every station. Verdicts are worked
 * out lazily and in order, because judging a key op asks for roles, and a role may come from an
 * earlier recovery (each step only looks strictly earlier, so this ends).
 */
export class RecoveryHistory {
  private events: Op[] | null = null;
  private readonly verdicts = new Map<string, Verdict>();
  private done = 0;
  private key: string | null = null;
  private readonly used = new Set<string>();
  private readonly replaced = new Set<string>();

  constructor(
    private readonly sql: Sql,
    private readonly roles: Roles,
  ) {}

  /** Reads the room's recovery ops (once), and the roles of those who set keys. */
  async load(): Promise<void> {
    if (this.events) return;
    this.events = await recoveryOps(this.sql);
    await this.roles.load(
      this.events.filter((o) => o.type === 'room.recovery-key').map((o) => o.actor),
    );
  }

  /** True when this recover op took effect. */
  applied(opId: string): boolean {
    return this.verdictOf(opId)?.effect === 'applied';
  }

  /** The verdict on one recovery op (undefined for an op that is not one). */
  verdictOf(opId: string): Verdict | undefined {
    const events = this.loaded();
    const at = events.findIndex((o) => o.id === opId);
    if (at >= 0) this.advanceTo(at);
    return this.verdicts.get(opId);
  }

  /** Verdicts on every `room.recovery-key` op. */
  keyVerdicts(): Verdict[] {
    const events = this.loaded();
    this.advanceTo(events.length - 1);
    return events
      .filter((o) => o.type === 'room.recovery-key')
      .map((o) => this.verdicts.get(o.id) as Verdict);
  }

  /** The key in force after every recovery op, and the used ones. */
  state(): RecoveryState {
    this.advanceTo(this.loaded().length - 1);
    return { key: this.key, used: new Set(this.used), replaced: new Set(this.replaced) };
  }

  private loaded(): Op[] {
    if (!this.events) throw new Error('RecoveryHistory used before load()');
    return this.events;
  }

  private advanceTo(index: number): void {
    const events = this.loaded();
    while (this.done <= index && this.done < events.length) {
      const op = events[this.done] as Op;
      this.done += 1;
      this.verdicts.set(op.id, { opId: op.id, ...this.judge(op) });
    }
  }

  private judge(op: Op): Omit<Verdict, 'opId'> {
    if (op.type === 'room.recovery-key') {
      const p = RecoveryKeyV1.safeParse(op.payload);
      if (!p.success) return { effect: 'refused', reason: 'malformed recovery key' };
      if (this.roles.roleAt(op.actor, op.hlc) !== 'admin')
        return { effect: 'refused', reason: 'only an admin sets the recovery code' };
      if (this.key !== null && this.key !== p.data.publicKey) this.replaced.add(this.key);
      this.key = p.data.publicKey;
      return { effect: 'applied', reason: null };
    }
    // The account it recovers is the op's subject, which every station refolds.
    if (RoomRecoverV1.safeParse(op.payload).data?.operatorId !== op.subject)
      return { effect: 'refused', reason: 'the recovery names another account than its subject' };
    const state = { key: this.key, used: this.used, replaced: this.replaced };
    const refusal = recoverRefusal(state, op.payload);
    if (refusal !== null) return { effect: 'refused', reason: refusal };
    const p = RoomRecoverV1.parse(op.payload);
    this.used.add(p.recoveryKey);
    this.key = p.nextRecoveryKey;
    return { effect: 'applied', reason: null };
  }
}
