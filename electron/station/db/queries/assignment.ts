import type { Sql } from '../connection';
import type { QueuedMention } from '../../../../shared/routing/assignment';
import type { Department } from '../../../../shared/domain/people';

type WaitingRow = {
  id: string;
  department: Department;
  priority: number;
  routed_skills: string | null;
  recorded_hlc: string;
};

/**
 * Open mentions nobody holds that routing sent to a department, highest priority first and then
 * in arrival order, at most `limit`: what assignment may push to operators. They wait since they
 * were recorded here (their HLC's wall time).
 */
export async function waitingMentions(sql: Sql, limit: number): Promise<QueuedMention[]> {
  const rows = await sql.all<WaitingRow>(
    `SELECT id, department, priority, routed_skills, recorded_hlc FROM mentions
     WHERE status = 'open' AND claim_operator IS NULL AND department IS NOT NULL
     ORDER BY priority DESC, seq LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    department: r.department,
    priority: r.priority,
    skills: r.routed_skills === null ? [] : (JSON.parse(r.routed_skills) as string[]),
    queuedAt: Number(r.recorded_hlc.slice(0, 15)),
  }));
}
