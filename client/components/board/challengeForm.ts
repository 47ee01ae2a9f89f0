/** The post/edit form's state, and its conversion to the API's input (whole for a new one, a diff for an edit). */
import type { ChallengeDetail, ChallengeInput, ChallengeUpdate, Deliverable, Visibility } from '../../../shared/schemas/challenge';
import type { ErrorDetail } from '../../../shared/errors';
import { fieldErrorMessage } from '../../i18n';

export interface ChallengeFormState {
  title: string;
  summary: string;
  description: string;
  industry: string;
  tags: string[];
  deliverable: Deliverable;
  rewardAmount: number | null;
  rewardDescription: string;
  deadline: Date | null;
  visibility: Visibility;
  teamSizeLimit: number;
  terms: string;
  note: string;
}

const DEFAULT_DAYS = 30;

export function emptyForm(industry = ''): ChallengeFormState {
  const deadline = new Date(Date.now() + DEFAULT_DAYS * 86_400_000);
  deadline.setHours(18, 0, 0, 0);
  return {
    title: '',
    summary: '',
    description: '',
    industry,
    tags: [],
    deliverable: 'plan',
    rewardAmount: null,
    rewardDescription: '',
    deadline,
    visibility: 'public',
    teamSizeLimit: 5,
    terms: '',
    note: '',
  };
}

export function formFromDetail(c: ChallengeDetail): ChallengeFormState {
  return {
    title: c.title,
    summary: c.summary,
    description: c.description,
    industry: c.industry,
    tags: [...c.tags],
    deliverable: c.deliverable,
    rewardAmount: c.reward.amount,
    rewardDescription: c.reward.description,
    deadline: new Date(c.deadline),
    visibility: c.visibility,
    teamSizeLimit: c.teamSizeLimit,
    terms: c.terms,
    note: '',
  };
}

type Body = Omit<ChallengeInput, 'deadline' | 'publish'> & { deadline: string };

function toBody(f: ChallengeFormState): Body {
  return {
    title: f.title.trim(),
    summary: f.summary.trim(),
    description: f.description,
    industry: f.industry,
    tags: f.tags.map((t) => t.trim()).filter(Boolean),
    deliverable: f.deliverable,
    reward: { amount: f.rewardAmount, description: f.rewardDescription.trim() },
    deadline: f.deadline ? f.deadline.toISOString() : '',
    visibility: f.visibility,
    teamSizeLimit: f.teamSizeLimit,
    terms: f.terms.trim(),
  };
}

/** The body of `POST /api/challenges`. */
export const toInput = (f: ChallengeFormState, publish: boolean) => ({ ...toBody(f), publish });

/** Only the fields that differ from the loaded challenge (an unchanged past deadline must not be re-sent). */
export function toUpdate(f: ChallengeFormState, original: ChallengeDetail): Record<string, unknown> {
  const next = toBody(f);
  const before = toBody(formFromDetail(original));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Body)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changes[key] = next[key];
  }
  if (f.note.trim()) changes.note = f.note.trim();
  return changes satisfies Partial<Record<keyof ChallengeUpdate, unknown>>;
}

/** Server field problems keyed by the form field they belong to. */
export function fieldErrors(details: ErrorDetail[]): Partial<Record<keyof ChallengeFormState, string>> {
  const out: Partial<Record<keyof ChallengeFormState, string>> = {};
  for (const d of details) {
    const [head, sub] = d.path;
    const key = (head === 'reward' ? (sub === 'description' ? 'rewardDescription' : 'rewardAmount') : head) as keyof ChallengeFormState;
    out[key] ??= fieldErrorMessage(d);
  }
  return out;
}
