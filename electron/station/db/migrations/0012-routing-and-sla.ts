import { DEFAULT_SLA_TARGETS } from '../../../../shared/routing/sla';
import { slaDueSql } from '../queries/routing';
import type { Migration } from './types';

const { due, warn } = slaDueSql(DEFAULT_SLA_TARGETS);

/**
 * Routing and SLA (issue "Surge staffing"): what routing decided at ingest (kept apart from the
 * department and priority in force, which a lead's re-route or a breach changes), the re-route in
 * force, the first-response due and warning times and the breach; room-wide settings (routing
 * rules, SLA targets) as their latest valid op left them. Mentions already held get the default
 * targets' due times.
 */
export const migration: Migration = {
  id: 12,
  name: 'routing-and-sla',
  up: `
    ALTER TABLE mentions ADD COLUMN routing TEXT;
    ALTER TABLE mentions ADD COLUMN routed_department TEXT;
    ALTER TABLE mentions ADD COLUMN routed_priority INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE mentions ADD COLUMN base_priority INTEGER;
    ALTER TABLE mentions ADD COLUMN route_op TEXT;
    ALTER TABLE mentions ADD COLUMN route_by TEXT;
    ALTER TABLE mentions ADD COLUMN route_hlc TEXT;
    ALTER TABLE mentions ADD COLUMN route_reason TEXT;
    ALTER TABLE mentions ADD COLUMN sla_due INTEGER;
    ALTER TABLE mentions ADD COLUMN sla_warn_at INTEGER;
    ALTER TABLE mentions ADD COLUMN sla_breach_op TEXT;
    ALTER TABLE mentions ADD COLUMN sla_breach_hlc TEXT;
    UPDATE mentions SET routed_department = department, routed_priority = priority,
      sla_due = ${due}, sla_warn_at = ${warn};
    CREATE INDEX mentions_sla_open ON mentions (sla_due) WHERE status = 'open' AND sla_breach_op IS NULL;
    CREATE TABLE room_config (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      op_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      actor TEXT NOT NULL
    ) STRICT;
  `,
};
