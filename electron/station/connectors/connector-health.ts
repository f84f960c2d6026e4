import type { ConnectorHealth, ConnectorState } from '../../../shared/contract/connectors';
import type { HealthReporter } from './connector-kind';

const MINUTE = 60_000;
const HOUR_MINUTES = 60;
const MAX_MESSAGE = 500;

/**
 * What is stored of a connector's health between runs. The state is stored for `holdline stats`
 * (the state when last saved) but not taken back: a restarted connector learns it again.
 */
export type StoredHealth = {
  state?: ConnectorState;
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  /** Items per minute over the last hour: [minute since epoch, count]. */
  minutes: [number, number][];
};

/** The words of an error, short enough for a health line. */
export function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/**
 * One connector's health: state, last success, last error and items per minute over the last
 * hour (a count per minute, so "items in the last hour" is a sum of at most 60 numbers and
 * survives a restart when stored). Calls `onChange` after every change.
 */
export class HealthTracker implements HealthReporter {
  private state: ConnectorState = 'starting';
  private lastSuccessAt: string | null;
  private lastError: { message: string; at: string } | null;
  private retryAt: number | null = null;
  private readonly minutes = new Map<number, number>();

  constructor(
    private readonly onChange: () => void,
    stored?: StoredHealth,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSuccessAt = stored?.lastSuccessAt ?? null;
    this.lastError = stored?.lastError ?? null;
    for (const [m, n] of stored?.minutes ?? []) this.minutes.set(m, n);
  }

  /** Sets the state the framework knows about (starting, disabled, running after a start). */
  setState(state: ConnectorState): void {
    this.state = state;
    if (state !== 'backing-off') this.retryAt = null;
    this.onChange();
  }

  /** Records a configuration or start failure that the connector will not retry by itself. */
  broken(err: unknown): void {
    this.lastError = { message: messageOf(err), at: new Date(this.now()).toISOString() };
    this.setState('error');
  }

  succeeded(): void {
    this.lastSuccessAt = new Date(this.now()).toISOString();
    this.state = 'running';
    this.retryAt = null;
    this.onChange();
  }

  failed(err: unknown, retryAt?: number): void {
    this.lastError = { message: messageOf(err), at: new Date(this.now()).toISOString() };
    this.retryAt = retryAt ?? null;
    this.state = retryAt === undefined ? 'error' : 'backing-off';
    this.onChange();
  }

  problem(err: unknown): void {
    this.lastError = { message: messageOf(err), at: new Date(this.now()).toISOString() };
    this.onChange();
  }

  counted(items: number): void {
    if (items <= 0) return;
    const minute = Math.floor(this.now() / MINUTE);
    this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + items);
    this.forgetOld(minute);
    this.onChange();
  }

  private forgetOld(minute: number): void {
    for (const m of this.minutes.keys()) if (m <= minute - HOUR_MINUTES) this.minutes.delete(m);
  }

  /** The health as desks see it. */
  view(): ConnectorHealth {
    const minute = Math.floor(this.now() / MINUTE);
    this.forgetOld(minute);
    let items = 0;
    for (const n of this.minutes.values()) items += n;
    return {
      state: this.state,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
      itemsLastHour: items,
      retryAt: this.retryAt === null ? null : new Date(this.retryAt).toISOString(),
    };
  }

  /** What to store. */
  stored(): StoredHealth {
    this.forgetOld(Math.floor(this.now() / MINUTE));
    return {
      state: this.state,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
      minutes: [...this.minutes.entries()],
    };
  }
}
