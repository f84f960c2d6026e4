import { describe, expect, it } from 'vitest';
import { formatProblem, parsePlaybook } from './parse-playbook';
import { SMALL_PLAYBOOK } from './playbook-fixture';

const problemsOf = (text: string) => {
  const r = parsePlaybook(text, 'x.yaml');
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
};

describe('reading a playbook', () => {
  it('reads a good one, with durations in milliseconds and defaults filled in', () => {
    const r = parsePlaybook(SMALL_PLAYBOOK, 'small.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.playbook.statusUpdates.SEV2).toBe(3_600_000);
    expect(r.playbook.phases[0]?.steps[0]?.due).toEqual({ after: 1_800_000, from: 'run' });
    expect(r.playbook.phases[0]?.steps[1]?.due.from).toBe('phase');
    expect(r.playbook.phases[1]?.steps[1]?.optional).toBe(true);
  });

  it('names the line and the field of a bad value', () => {
    const text = SMALL_PLAYBOOK.replace('due: { after: 2d }', 'due: { after: soon }');
    const line = text.split('\n').findIndex((l) => l.includes('after: soon')) + 1;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^x\\.yaml:${line}:\\d+: phases\\.1\\.steps\\.0\\.due\\.after: write a duration like 15m`,
        ),
      ),
    ]);
  });

  it('names an unknown role and a missing field, each at its place', () => {
    const text = SMALL_PLAYBOOK.replace(
      'owner: lead\n        due: { after: 2d }',
      'owner: intern\n        due: { after: 2d }',
    ).replace('    name: Review\n', '');
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(
        new RegExp(`^x\\.yaml:${lineOf('- id: review')}:\\d+: phases\\.1\\.name: `),
      ),
      expect.stringMatching(
        new RegExp(`^x\\.yaml:${lineOf('owner: intern')}:\\d+: phases\\.1\\.steps\\.0\\.owner: `),
      ),
    ]);
  });

  it('names a step id used twice at the second use', () => {
    const text = SMALL_PLAYBOOK.replace('id: thank-team', 'id: confirm-scope');
    const line = text.split('\n').lastIndexOf('      - id: confirm-scope') + 1;
    expect(problemsOf(text)).toEqual([
      `x.yaml:${line}:9: phases.1.steps.1.id: step id "confirm-scope" is used twice (step ids are unique in a playbook)`,
    ]);
  });

  it('reports broken YAML with its line, and refuses duplicate keys', () => {
    expect(problemsOf('id: a\nname: [unclosed\n')[0]).toMatch(/^x\.yaml:\d+:\d+: /);
    expect(problemsOf('id: a\nid: b\n')[0]).toMatch(/^x\.yaml:2:\d+: .*unique/i);
  });

  it('refuses a gate an operator could approve, and a file that is not a playbook at all', () => {
    const gate = SMALL_PLAYBOOK.replace('approver: approver,', 'approver: operator,');
    expect(problemsOf(gate).join('\n')).toMatch(/gate\.approver/);
    expect(problemsOf('- just\n- a list\n')[0]).toMatch(/^x\.yaml:1:1: /);
  });
});
