import { z } from 'zod';
import { APPROVAL_AREAS, ApprovalAreaSchema } from '../messaging/policy';
import type { Ack } from './common';
import { RoomModeSchema, type RoomMode } from '../domain/room-mode';
import {
  DepartmentSchema,
  PasswordSchema,
  RoleSchema,
  UsernameSchema,
  type Operator,
} from '../domain/people';

/** What a logged-in desk learns about itself and its room. */
export type RoomInfo = {
  warRoomId: string;
  warRoom: string;
  /** A drill room shows it on every screen: its data is a rehearsal. */
  mode: RoomMode;
  stationId: string;
  me: Operator;
  /** Set while the room is closed (read-only): who closed it, when and why. */
  closed: RoomClosed | null;
};

/** A closed room: read-only on every desk until an admin reopens it. */
export type RoomClosed = {
  /** When (ISO 8601). */
  at: string;
  byId: string;
  byName: string;
  reason: string | null;
};

/** Close the room (admin only): every desk becomes read-only. */
export const CloseRoomSchema = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict()
  .default({});

/** First start: name the war room and its admin. */
export const SetupSchema = z.object({
  warRoom: z.string().trim().min(1).max(120),
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(120),
  password: PasswordSchema,
  /** A drill room, for rehearsals (live when left out). */
  mode: RoomModeSchema.optional(),
});

/** Login with username and password. */
export const LoginSchema = z.object({
  username: UsernameSchema,
  password: z.string().min(1).max(1024),
});

/** Create an operator account (admin only). */
export const CreateOperatorSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(120),
  password: PasswordSchema,
  role: RoleSchema,
  departments: z.array(DepartmentSchema).max(7).default([]),
  /** Approval areas (pr, legal…) for approvers. */
  areas: z.array(ApprovalAreaSchema).max(APPROVAL_AREAS.length).default([]),
});

/** Change an account (admin only): role, departments, approval areas, or disable it. */
export const UpdateOperatorSchema = z
  .object({
    operatorId: z.string().min(1).max(64),
    displayName: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    departments: z.array(DepartmentSchema).max(7).optional(),
    areas: z.array(ApprovalAreaSchema).max(APPROVAL_AREAS.length).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

/**
 * Set a new password for an account (admin only). The password goes to this station only; what
 * replicates is its scrypt hash, and the account's sessions end on every desk.
 */
export const ResetPasswordSchema = z
  .object({
    operatorId: z.string().min(1).max(64),
    password: PasswordSchema,
    /** The operator must choose a new password at next login. */
    mustChange: z.boolean().default(false),
  })
  .strict();

/** The room domain of the /desk contract. */
export type RoomCommands = {
  'room.get': (input: Record<string, never>, ack: Ack<RoomInfo>) => void;
  'operator.list': (input: Record<string, never>, ack: Ack<{ operators: Operator[] }>) => void;
  'operator.create': (
    input: z.input<typeof CreateOperatorSchema>,
    ack: Ack<{ operator: Operator }>,
  ) => void;
  'operator.update': (
    input: z.input<typeof UpdateOperatorSchema>,
    ack: Ack<{ operator: Operator }>,
  ) => void;
  'operator.resetPassword': (
    input: z.input<typeof ResetPasswordSchema>,
    ack: Ack<{ operator: Operator }>,
  ) => void;
  /** A new recovery code for the room (admin only), shown once; the old one stops working. */
  'room.renewRecoveryCode': (
    input: Record<string, never>,
    ack: Ack<{ recoveryCode: string }>,
  ) => void;
  'room.close': (
    input: z.input<typeof CloseRoomSchema>,
    ack: Ack<{ closed: RoomClosed | null }>,
  ) => void;
  'room.reopen': (input: Record<string, never>, ack: Ack<{ closed: RoomClosed | null }>) => void;
};

/** Events of the room domain. */
export type RoomEvents = {
  'operator.changed': (operators: Operator[]) => void;
  /** The room was closed or reopened. */
  'room.changed': (room: { closed: RoomClosed | null }) => void;
};
