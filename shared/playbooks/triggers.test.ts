import { describe, expect, it } from 'vitest';
import { parsePlaybook } from './parse-playbook';
import { SMALL_PLAYBOOK } from './playbook-fixture';
import { severityFromTriggers } from './triggers';

const withTriggers = SMALL_PLAYBOOK.replace(
  `    - severity: SEV1
      mentionsPerHour: 1000`,
  `    - severity: SEV1
      mentionsPerHour: 1000
      negativeShare: 0.6
    - severity: SEV2
      mentionsPerHour: 200`,
);

describe('severity triggers', () => {
  const parsed = parsePlaybook(withTriggers, 't.yaml');
  if (!parsed.ok) throw new Error('fixture does not parse');
  const pb = parsed.playbook;

  it('picks the most severe level whose every metric is met', () => {
    expect(severityFromTriggers(pb, { mentionsPerHour: 1500, negativeShare: 0.7 })).toBe('SEV1');
    expect(severityFromTriggers(pb, { mentionsPerHour: 1500, negativeShare: 0.3 })).toBe('SEV2');
    expect(severityFromTriggers(pb, { mentionsPerHour: 250, negativeShare: 0.9 })).toBe('SEV2');
  });

  it('answers null when no trigger is met', () => {
    expect(severityFromTriggers(pb, { mentionsPerHour: 50, negativeShare: 0.9 })).toBeNull();
  });
});
