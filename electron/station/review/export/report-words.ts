import type { RetroSection } from '../../../../shared/review/retrospective';

/** The report's section headings, the same in HTML, Markdown and PDF (tests look for them). */
export const HEADINGS = {
  figures: 'Key figures',
  responseBy: 'First response by group',
  charts: 'Charts',
  retro: 'Retrospective',
  actions: 'Action items',
  timeline: 'Timeline',
  pins: 'Pinned mentions',
  said: 'What was said publicly',
} as const;

/** Retrospective sections as headings. */
export const SECTION_TITLES: Record<RetroSection, string> = {
  summary: 'Summary',
  impact: 'Impact',
  detection: 'Detection',
  response: 'Response',
  recovery: 'Recovery',
  wentWell: 'What went well',
  wentBadly: 'What went badly',
  lucky: 'Where we were lucky',
};

/** What the redaction banner says. */
export const REDACTED_NOTE =
  'Redacted for sharing outside the company: customers are pseudonymised ("customer 1", …) and email addresses and phone numbers are removed. Staff names are kept.';

/** Label of the first official statement on the timeline and among the sends. */
export const FIRST_STATEMENT = 'First official statement';
