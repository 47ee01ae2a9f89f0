/**
 * The fixed vocabularies the schemas are built from, without zod: the client imports them from
 * here (the browser never validates with zod, and zod is ~29 KB compressed on every page), the
 * schema files import them too and re-export them, so each list is still written once and the
 * schemas stay the single source of the rules.
 */

/** The roles one account may hold (several at once). */
export const ROLES = ['representative', 'expert', 'founder', 'advisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles anyone may choose when registering; `admin` is granted by an admin only. */
export const SELF_SERVICE_ROLES = ['expert', 'founder', 'advisor', 'representative'] as const;

/** The UI languages, the default (zh-CN) first. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const CHALLENGE_STATUSES = ['draft', 'open', 'reviewing', 'solved', 'closed'] as const;
export const DELIVERABLES = ['idea', 'plan', 'prototype', 'other'] as const;
export const BOARD_SORTS = ['newest', 'deadline', 'reward'] as const;

export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export const DECLINE_REASONS = ['busy', 'not_my_field', 'language', 'other'] as const;
/** online: receives offers; away: connected but paused (or dropped past the grace period); offline. */
export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];

export const REPRESENTATION_STATES = ['pending', 'approved', 'rejected'] as const;

/** The Tiptap Collaboration field (Y.XmlFragment) that holds the rich text. */
export const DOCUMENT_FIELD = 'default';
/** The Y.Map inside the same document that holds comment threads (live for free). */
export const COMMENTS_FIELD = 'comments';
