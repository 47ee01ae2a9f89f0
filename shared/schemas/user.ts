import { z } from 'zod';
import { IndustryCode } from '../industry';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem, passwordUserInputs } from '../passwordStrength';
import { Locale, Role, SELF_SERVICE_ROLES } from '../roles';
import { ObjectIdString } from './common';
import type { MyRepresentation } from './representation';

export const Email = z.string().trim().toLowerCase().email().max(254);
/**
 * A new password: the shared rule of shared/passwordStrength.ts without the account's details
 * (the issue's `params.code` is `password_too_short`, `password_too_long` or `password_weak`).
 * Where the email and name are known, {@link checkPasswordFor} adds them to the judgement.
 */
export const Password = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_PROBLEM_MESSAGES[problem], params: { code: problem } });
});

/**
 * Refuses (at `path`) a password built from the account's own email or name. Skipped when the
 * field already failed on its own, so a short password reports one problem, not two.
 */
export function checkPasswordFor(
  ctx: z.RefinementCtx,
  path: string,
  password: string,
  who: { email?: string | null; name?: string | null },
): void {
  if (ctx.issues.some((i) => i.path?.[0] === path)) return;
  const problem = passwordProblem(password, passwordUserInputs(who));
  if (problem) ctx.addIssue({ code: 'custom', path: [path], message: PASSWORD_PROBLEM_MESSAGES[problem], params: { code: problem } });
}
const Name = z.string().trim().min(1).max(80);
const Tag = z.string().trim().min(1).max(40);

/** Profile fields without defaults: zod 4 applies defaults inside `.partial()`, which would make a
 * partial update reset the fields it did not send. */
export const Profile = z.object({
  name: Name,
  bio: z.string().trim().max(2000),
  industries: z.array(IndustryCode).max(10),
  skills: z.array(Tag).max(30),
  languages: z.array(Locale).min(1).max(2),
});
export type Profile = z.infer<typeof Profile>;

export const RegisterInput = z.object({
  email: Email,
  password: Password,
  name: Name,
  roles: z.array(z.enum(SELF_SERVICE_ROLES)).min(1).max(4).default(['expert']),
  organizationId: ObjectIdString.optional(),
}).superRefine((input, ctx) => checkPasswordFor(ctx, 'password', input.password, input));
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginInput = z.infer<typeof LoginInput>;

/** `POST /api/me/password`: the new password must differ from the current one. */
export const ChangePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .superRefine((input, ctx) => {
    if (input.currentPassword === input.newPassword) {
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'must differ from the current password', params: { code: 'password_unchanged' } });
    }
  });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** A reset link's token: 32 random bytes in base64url; anything else is refused like a used one. */
export const ResetToken = z
  .string()
  .max(100)
  .refine((t) => /^[A-Za-z0-9_-]{43}$/.test(t), { message: 'invalid or expired reset link', params: { code: 'reset_token_invalid' } });

/** `POST /api/auth/password-reset`, sent from the page the admin's link opens. */
export const PasswordResetInput = z.object({ token: ResetToken, newPassword: Password });
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;

/** What `POST /api/users/:id/password-reset` answers: a path to hand over, valid once until `expiresAt`. */
export interface PasswordResetLink {
  link: string;
  expiresAt: string;
}

export const ProfileUpdate = Profile.partial().strict();
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/** What an admin may change on an account. */
export const AccountUpdate = z
  .object({
    roles: z.array(Role).min(1).max(5),
    organizationId: ObjectIdString.nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type AccountUpdate = z.infer<typeof AccountUpdate>;

export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

/** A user as the client sees it, with the abilities the server computed for the viewer. */
export interface UserView {
  id: string;
  name: string;
  email?: string;
  roles: Role[];
  organizationId: string | null;
  bio: string;
  industries: string[];
  skills: string[];
  languages: Locale[];
  disabled?: boolean;
  /** Accepted solutions this user co-wrote (challenge and when it was accepted). */
  credits: { challengeId: string; title: string; at: string }[];
  createdAt: string;
}

export interface MeView extends UserView {
  abilities: {
    admin: boolean;
    postChallenges: boolean;
    advise: boolean;
    seekAdvice: boolean;
    /** May approve representatives of their organisation (approved representatives; the admin for every one). */
    approveRepresentatives: boolean;
  };
  /** A request to represent an organisation that is pending or was rejected (null once approved or never asked). */
  representation: MyRepresentation | null;
}
