import type { BacklogPeaks } from './backlog';
import type { Outcomes, approvalTurnaround } from './outcomes';
import type { ResponseFigures } from './response';
import type { TimeWindow } from './review-input';
import type { reach, SentimentFigures } from './sentiment';
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
