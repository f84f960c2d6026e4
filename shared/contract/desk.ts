import type { MentionsCommands, MentionsEvents } from './mentions';
import type { RoomCommands, RoomEvents } from './room';
import type { SyncCommands, SyncEvents } from './sync';
import type { PresenceCommands, PresenceEvents } from './presence';
import type { RunsCommands, RunsEvents } from './runs';
import type { MessagesCommands, MessagesEvents } from './messages';
import type { StaffingCommands, StaffingEvents } from './staffing';
import type { RosterCommands, RosterEvents } from './roster';
import type { RoutingCommands, RoutingEvents } from './routing';
import type { WavesCommands } from './waves';
import type { DrillsCommands, DrillsEvents } from './drills';
import type { ReviewsCommands, ReviewsEvents } from './reviews';
import type { ConnectorsCommands, ConnectorsEvents } from './connectors';
import type { ContactsCommands, ContactsEvents } from './contacts';
import type { BackupsCommands } from './backups';
import type { DevicesCommands } from './devices';
import type { RoomsCommands } from './rooms';
import type { PrivacyCommands } from './privacy';

/** Every command a desk can send to its station over /desk. */
export type DeskCommands = MentionsCommands &
  RoomCommands &
  SyncCommands &
  PresenceCommands &
  RunsCommands &
  MessagesCommands &
  StaffingCommands &
  RosterCommands &
  RoutingCommands &
  WavesCommands &
  DrillsCommands &
  ReviewsCommands &
  ContactsCommands &
  ConnectorsCommands &
  DevicesCommands &
  BackupsCommands &
  PrivacyCommands &
  RoomsCommands;
/** Every event a station pushes to its desks over /desk. */
export type DeskEvents = MentionsEvents &
  RoomEvents &
  SyncEvents &
  PresenceEvents &
  RunsEvents &
  MessagesEvents &
  StaffingEvents &
  RosterEvents &
  RoutingEvents &
  DrillsEvents &
  ReviewsEvents &
  ContactsEvents &
  ConnectorsEvents;
/** Name of a /desk command. */
export type DeskCommandName = keyof DeskCommands;
