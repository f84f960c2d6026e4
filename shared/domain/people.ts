import { z } from 'zod';

/** Station-wide roles (DECISIONS.md 11), weakest last. */
export const ROLES = ['admin', 'lead', 'approver', 'operator', 'observer'] as const;
/** A role an account holds. */
export type Role = (typeof ROLES)[number];
/** zod schema for a role. */
export const RoleSchema = z.enum(ROLES);

/** Departments that own work in a war room. */
export const DEPARTMENTS = [
  'marketing',
  'customer-care',
  'pr',
  'sales',
  'corporate-communications',
  'hr',
  'legal',
] as const;
/** A department. */
export type Department = (typeof DEPARTMENTS)[number];
/** zod schema for a department. */
export const DepartmentSchema = z.enum(DEPARTMENTS);

/** A login name: short, lowercase, no spaces, so it reads the same on every desk. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'use 2-32 letters, digits, dots, dashes or underscores');

/** A password as typed; scrypt hashes it on the station. */
export const PasswordSchema = z.string().min(8, 'use at least 8 characters').max(1024);

/** An operator account as the UI sees it (never the password hash). */
export type Operator = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departments: Department[];
  /** Approval areas (pr, legal, hr…) an approver reviews for. */
  areas: string[];
  disabled: boolean;
  /** When a surge account stops working (ISO); absent for accounts that do not expire. */
  expiresAt?: string;
  /** Skills the account usually brings to a shift. */
  skills?: string[];
};
