import { z } from 'zod';
import { LOCALES, ROLES } from './constants';

// The lists live in the zod-free ./constants (what the client imports); the schemas are built here.
export { LOCALES, ROLES, SELF_SERVICE_ROLES } from './constants';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
