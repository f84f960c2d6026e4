import type { BacklogInterval, BacklogPeaks } from './backlog';
import type { Outcomes, approvalTurnaround } from './outcomes';
import type { ResponseBucket, ResponseFigures } from './response';
import type { TimeWindow } from './review-input';
import type { reach, SentimentFigures, SentimentInterval } from './sentiment';
import type { StaffingInterval } from './staffing-figures';
import type { TimelineEvent } from './timeline';
import type { VolumeInterval } from './volume';

/** What a review covers: a time window, narrowed by brands, channels and departments if given. */
export type ReviewScope = TimeWindow & {
  brands?: readonly string[];
  /** The room's routing topics (a mention is in a topic when routing's matcher says so). */
  topics?: readonly string[];
  channels?: readonly string[];
  departments?: readonly string[];
  /** The incident inside the window, for sentiment before / during / after (default: the window). */
  incident?: TimeWindow;
};

/** Every figure of a review, computed from the station's ops and state. */
export type ReviewReport = {
  scope: ReviewScope;
  intervalMs: number;
  targetSeconds: number;
  volume: VolumeInterval[];
  /** Per interval (same intervals as `volume`): mentions that happened in it, their mean sentiment score and negative share (null with none). */
  sentimentSeries: SentimentInterval[];
  /** At the end of each interval: mentions waiting (reached the room, not yet answered/closed/ignored) and the longest of those waits so far (seconds). */
  backlogSeries: BacklogInterval[];
  /** First-response times in buckets: count answered within each upper bound (seconds), exclusive of the previous bound; the last bucket has upToSeconds null (longer). */
  responseHistogram: ResponseBucket[];
  response: ResponseFigures;
  responseBy: Record<
    'channel' | 'department' | 'priority',
    { group: string; figures: ResponseFigures }[]
  >;
  backlog: BacklogPeaks;
  outcomes: Outcomes;
  approvals: ReturnType<typeof approvalTurnaround>;
  alertToStatementSeconds: number | null;
  sentiment: { before: SentimentFigures; during: SentimentFigures; after: SentimentFigures };
  reach: ReturnType<typeof reach>;
  staffing: StaffingInterval[];
  timeline: TimelineEvent[];
};
