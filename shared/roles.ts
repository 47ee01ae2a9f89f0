import { z } from 'zod';

/** The roles one account may hold (several at once). */
export const ROLES = ['representative', 'expert', 'founder', 'advisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles anyone may choose when registering; `admin` is granted by an admin only. */
export const SELF_SERVICE_ROLES = ['expert', 'founder', 'advisor', 'representative'] as const;

export const LOCALES = ['zh-CN', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
