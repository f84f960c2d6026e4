import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, type KpiId } from './kpi-definitions';
import type { ReviewReport } from './review-report';

// Where each figure of a report is defined: a report field added without a definition fails the
// typecheck here (the fields that are not figures are named apart).
type NotFigures = 'scope' | 'intervalMs' | 'targetSeconds' | 'timeline' | 'responseBy';
const FIGURES: Record<Exclude<keyof ReviewReport, NotFigures>, KpiId[]> = {
  volume: ['volume'],
  sentimentSeries: ['sentiment-series'],
  backlogSeries: ['backlog-series'],
  responseHistogram: ['response-histogram'],
  response: ['first-response-p50', 'first-response-p90', 'within-target'],
  backlog: ['backlog-peak', 'oldest-waiting-peak'],
  outcomes: ['answered', 'closed', 'ignored', 'open-touched', 'never-touched', 'double-answers'],
  approvals: ['approval-turnaround'],
  alertToStatementSeconds: ['alert-to-statement'],
  sentiment: ['sentiment-before', 'sentiment-during', 'sentiment-after'],
  reach: ['engagement', 'potential-reach'],
  staffing: ['staffing'],
};

describe('KPI definitions', () => {
  it('define every figure of a report once, each with a label and a sentence or two', () => {
    const used = Object.values(FIGURES).flat();
    expect(new Set(used).size).toBe(used.length);
    expect([...used].sort()).toEqual(Object.keys(KPI_DEFINITIONS).sort());
    for (const { label, definition } of Object.values(KPI_DEFINITIONS)) {
      expect(label.length).toBeGreaterThan(0);
      expect(label.length).toBeLessThanOrEqual(40);
      expect(definition).toMatch(/^[A-Z].{40,}[.]$/s);
      expect(definition.split(/[.!?](?:\s|$)/).filter(Boolean).length).toBeLessThanOrEqual(2);
    }
  });
});
