/**
 * The one place that decides who may do what. Each model's policy file registers a single rule
 * function with `definePolicy`; REST routes, socket handlers, room joins and collab upgrades all
 * ask `can`/`authorize`, so a rule is written once. Policy files extend `PolicyMap` to type the
 * actions and subject of their kind.
 */
import type { Role } from '../../shared/roles';
import { forbidden, unauthenticated } from '../errors';

/** Who is acting: null for an anonymous visitor. */
export type Actor = { id: string; roles: readonly Role[]; organizationId: string | null } | null;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PolicyMap {}
export type Kind = keyof PolicyMap;
type Entry<K extends Kind> = PolicyMap[K] extends { action: infer A; subject: infer S } ? { action: A; subject: S } : never;
export type ActionOf<K extends Kind> = Entry<K>['action'];
export type SubjectOf<K extends Kind> = Entry<K>['subject'];
type Rule<K extends Kind> = (actor: Actor, action: ActionOf<K>, subject: SubjectOf<K>) => boolean;

const rules = new Map<Kind, Rule<Kind>>();
const personalActions = new Map<Kind, ReadonlySet<string>>();

/**
 * Registers a kind's rule. The alliance admin passes every rule (moderation) except the
 * `personal` actions: things one does as oneself — accepting an offer, chatting in a
 * consultation, writing in a team's private workspace, joining as an expert — which the rule
 * alone decides for everyone, admin included.
 */
export function definePolicy<K extends Kind>(kind: K, rule: Rule<K>, opts: { personal?: readonly ActionOf<K>[] } = {}): void {
  rules.set(kind, rule as unknown as Rule<Kind>);
  personalActions.set(kind, new Set((opts.personal ?? []) as readonly string[]));
}

/** True when `actor` may do `action` on `subject`. Unknown kinds are denied. */
export function can<K extends Kind>(actor: Actor, action: ActionOf<K>, kind: K, subject: SubjectOf<K>): boolean {
  const rule = rules.get(kind) as Rule<K> | undefined;
  if (!rule) return false;
  if (actor?.roles.includes('admin') && !personalActions.get(kind)?.has(action as string)) return true; // the alliance admin moderates
  return rule(actor, action, subject);
}

/** Throws 401 for anonymous actors and 403 for others when `can` says no. */
export function authorize<K extends Kind>(actor: Actor, action: ActionOf<K>, kind: K, subject: SubjectOf<K>): void {
  if (can(actor, action, kind, subject)) return;
  throw actor ? forbidden() : unauthenticated();
}

export const hasRole = (actor: Actor, role: Role): boolean => !!actor?.roles.includes(role);

/** The kinds with a registered rule (the authorization matrix test checks it covers each). */
export function registeredKinds(): Kind[] {
  return [...rules.keys()];
}
