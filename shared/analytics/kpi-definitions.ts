/**
 * What each figure of a post-incident review means, in words that match what the functions of
 * this folder compute: the desk shows each beside its tile and exported reports print them.
 * Change a definition when the computation changes (kpi-definitions.test.ts ties them to the
 * report's fields).
 */

/** One figure (or chart) of a review. */
export type KpiId =
  | 'volume'
  | 'first-response-p50'
  | 'first-response-p90'
  | 'within-target'
  | 'backlog-peak'
  | 'oldest-waiting-peak'
  | 'alert-to-statement'
  | 'approval-turnaround'
  | 'answered'
  | 'closed'
  | 'ignored'
  | 'open-touched'
  | 'never-touched'
  | 'double-answers'
  | 'sentiment-before'
  | 'sentiment-during'
  | 'sentiment-after'
  | 'engagement'
  | 'potential-reach'
  | 'staffing'
  | 'sentiment-series'
  | 'backlog-series'
  | 'response-histogram';

/** A figure's tile label and its precise definition. */
export type KpiDefinition = { label: string; definition: string };

// Shared wording: "reached the room" is the mention's recording time (its op's HLC wall time),
// "happened" its own time (a phone call logged later keeps the time of the call).
const OF_WINDOW = 'Mentions that happened in the window (and match its filters)';
const FIRST_ANSWER =
  'from a mention reaching the room to its first answer (a reply sent to it, or marked answered)';

/** Every figure of a review with its label and definition. */
export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  volume: {
    label: 'Volume',
    definition:
      'Mentions that happened in each interval of the window, by channel. A mention counts by when it happened, not when it was recorded: a call logged later counts in its own interval.',
  },
  'first-response-p50': {
    label: 'First response (median)',
    definition: `Median time ${FIRST_ANSWER}, over the answered mentions that happened in the window. Nearest rank: a time one mention really waited.`,
  },
  'first-response-p90': {
    label: 'First response (90th percentile)',
    definition: `Time within which 90 % of the answered mentions were first answered, measured ${FIRST_ANSWER}. Nearest rank over the answered mentions of the window.`,
  },
  'within-target': {
    label: 'Answered within target',
    definition:
      'Share of mentions first answered within the target time of reaching the room, out of those already decided: every answered mention, and the unanswered ones whose target had passed when the review was built. Unanswered ones still inside their target are left out.',
  },
  'backlog-peak': {
    label: 'Backlog peak',
    definition:
      'Most mentions waiting at the same moment in the window, and when. A mention waits from reaching the room until it is first answered, closed or ignored, whichever comes first.',
  },
  'oldest-waiting-peak': {
    label: 'Longest wait',
    definition:
      'The longest any mention waited, from reaching the room until it was first answered, closed or ignored, or until the window’s end if it was still waiting then.',
  },
  'alert-to-statement': {
    label: 'Alert to first statement',
    definition:
      'Time from the first alert raised in the window (the end of the spike it detected) to the first official statement sent to an audience in the window. Blank when either is missing or the statement came first.',
  },
  'approval-turnaround': {
    label: 'Approval turnaround',
    definition:
      'Median and 90th-percentile time from a message first being submitted for approval (in the window) to its approval, over the approved messages; those never approved are counted as waiting.',
  },
  answered: {
    label: 'Answered',
    definition: `${OF_WINDOW} answered at least once.`,
  },
  closed: {
    label: 'Closed without answer',
    definition: `${OF_WINDOW} never answered but closed at some point.`,
  },
  ignored: {
    label: 'Ignored',
    definition: `${OF_WINDOW} never answered or closed but ignored (marked as needing no answer).`,
  },
  'open-touched': {
    label: 'Open, seen to',
    definition: `${OF_WINDOW} never answered, closed or ignored, that someone claimed (or tried to) or was assigned at some point.`,
  },
  'never-touched': {
    label: 'Never touched',
    definition: `${OF_WINDOW} never answered, closed or ignored, and that nobody ever claimed, tried to claim or was assigned: the ones nobody saw to.`,
  },
  'double-answers': {
    label: 'Double answers',
    definition:
      'Mentions answered two or more times, counting answers made apart on two desks that the room refused when they met: the same person answered twice.',
  },
  'sentiment-before': {
    label: 'Sentiment before',
    definition:
      'Mentions of the window that happened before the incident started: their count, mean sentiment score (below zero is negative) and share labelled negative.',
  },
  'sentiment-during': {
    label: 'Sentiment during',
    definition:
      'Mentions that happened during the incident (from its start to its end; the whole window when no incident is given): their count, mean sentiment score and share labelled negative.',
  },
  'sentiment-after': {
    label: 'Sentiment after',
    definition:
      'Mentions of the window that happened after the incident ended: their count, mean sentiment score and share labelled negative.',
  },
  engagement: {
    label: 'Engagement',
    definition:
      'Retweets (or shares) and likes summed over the mentions whose source gives them, read from the source’s own metadata; the count of mentions that gave any reach figure is shown beside.',
  },
  'potential-reach': {
    label: 'Potential reach',
    definition:
      'Followers of each distinct author of the window (the largest count seen for them), summed: each author counts once however often they wrote.',
  },
  staffing: {
    label: 'Staffing needed vs present',
    definition:
      'Per interval, the mean of the staffing sampler’s measurements taken in it: people needed to meet the answer-time target (Erlang C, from arrivals and handle times) against people present (checked in on the roster; before there is one, operators with a desk in the room).',
  },
  'sentiment-series': {
    label: 'Sentiment over time',
    definition:
      'Per interval (the same as the volume), the mentions that happened in it, their mean sentiment score and share labelled negative; blank for an interval with none.',
  },
  'backlog-series': {
    label: 'Backlog over time',
    definition:
      'At the end of each interval, the mentions waiting (reached the room before then and not yet first answered, closed or ignored) and how long the oldest of them had waited by then.',
  },
  'response-histogram': {
    label: 'First-response times',
    definition: `Answered mentions by time ${FIRST_ANSWER}, in buckets up to 1, 5, 15 and 30 minutes, 1, 2, 4, 8 and 24 hours, and longer; each bucket holds times above the previous bound up to and including its own.`,
  },
};
