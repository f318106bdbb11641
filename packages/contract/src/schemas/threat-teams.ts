import { z } from 'zod';
import { RoleSchema } from '../roles.js';
import { ProtocolSchema, TeamRoleSchema } from '../threat-assessment.js';
import { IdSchema } from './common.js';

/** Issue 15 item 1: the district's threat assessment settings and its teams. */

export const ThreatSettingsSchema = z.object({
  /** The district's id again: the settings are the district's, read as one item. */
  id: IdSchema,
  districtId: IdSchema,
  protocol: ProtocolSchema,
  /** When law enforcement joins an investigation, written before any case needs it. */
  leThreshold: z.string(),
  /** A group's risk ratio at or above this, with its 95% interval above 1, raises an alert. */
  equityThreshold: z.number(),
  /** Whether the aggregate, suppressed equity table is on the public page. */
  equityPublic: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type ThreatSettings = z.infer<typeof ThreatSettingsSchema>;

export const ThreatSettingsInputSchema = z.object({
  protocol: ProtocolSchema,
  leThreshold: z.string().trim().min(1).max(2000),
  equityThreshold: z.number().min(1).max(10),
  equityPublic: z.boolean(),
});
export type ThreatSettingsInput = z.infer<typeof ThreatSettingsInputSchema>;

export const TeamMemberSchema = z.object({
  userId: IdSchema,
  displayName: z.string(),
  /** The account's role in Forefront (a counselor is `support_staff`). */
  role: RoleSchema,
  teamRole: TeamRoleSchema,
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const TeamSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  /** Null: the district's team. */
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  name: z.string(),
  members: z.array(TeamMemberSchema),
  /** Required roles no member plays: the team can work a case but cannot classify it. */
  missingRoles: z.array(TeamRoleSchema),
  openCases: z.number().int(),
});
export type Team = z.infer<typeof TeamSchema>;
export const TeamListSchema = z.object({ items: z.array(TeamSchema) });

export const TeamInputSchema = z.object({
  schoolId: IdSchema.nullable(),
  name: z.string().trim().min(1).max(200),
});
export type TeamInput = z.infer<typeof TeamInputSchema>;

export const TeamMembersInputSchema = z.object({
  members: z.array(z.object({ userId: IdSchema, teamRole: TeamRoleSchema })).max(30),
});
export type TeamMembersInput = z.infer<typeof TeamMembersInputSchema>;

/** Accounts of the district a team may take in (active staff, not state viewers or auditors). */
export const TeamCandidateSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  role: RoleSchema,
  schoolIds: z.array(IdSchema),
});
export const TeamCandidateListSchema = z.object({ items: z.array(TeamCandidateSchema) });
