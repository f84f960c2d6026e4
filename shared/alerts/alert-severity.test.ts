import { describe, expect, it } from 'vitest';
import { sentimentShiftSeverity, volumeSpikeSeverity } from './alert-severity';

const calm = { negativeShare: 0.3, baselineNegativeShare: 0.3 };

describe('suggested severity', () => {
  it('grades a volume spike by its size and how far above normal it is', () => {
    expect(volumeSpikeSeverity({ ...calm, perHour: 800, ratio: 12 })).toBe('SEV1');
    expect(volumeSpikeSeverity({ ...calm, perHour: 800, ratio: 6 })).toBe('SEV2');
    expect(volumeSpikeSeverity({ ...calm, perHour: 120, ratio: 30 })).toBe('SEV2');
    expect(volumeSpikeSeverity({ ...calm, perHour: 60, ratio: 4 })).toBe('SEV3');
    expect(volumeSpikeSeverity({ ...calm, perHour: 25, ratio: 20 })).toBe('SEV4');
  });

  it('never asks for all hands on a change of mood alone', () => {
    const sour = { negativeShare: 0.9, baselineNegativeShare: 0.4 };
    expect(sentimentShiftSeverity({ ...sour, perHour: 5_000, ratio: 50 })).toBe('SEV2');
    expect(sentimentShiftSeverity({ ...sour, perHour: 60, ratio: 1 })).toBe('SEV3');
    expect(sentimentShiftSeverity({ ...sour, perHour: 30, ratio: 1 })).toBe('SEV4');
  });
});
