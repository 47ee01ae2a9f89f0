import { z } from 'zod';
import { IndustryCode } from '../industry';
import { Locale, Role, SELF_SERVICE_ROLES } from '../roles';
import { ObjectIdString } from './common';

export const Email = z.string().trim().toLowerCase().email().max(254);
export const Password = z.string().min(8, 'at least 8 characters').max(200);
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
});
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginInput = z.infer<typeof LoginInput>;

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
  abilities: { admin: boolean; postChallenges: boolean; advise: boolean; seekAdvice: boolean };
}
