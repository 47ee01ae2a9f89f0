import type { ChallengeInput } from '../../../shared/schemas/challenge';
import { industryPath } from '../../../shared/industry';
import { Challenge, type ChallengeDocument } from '../../models/Challenge';
import { event, type DomainEvent } from '../../events/types';
import { buildSearchText, sanitizeRichText } from './richText';

/** The 大类 (2-digit division) of a code, for "near my industries" filtering; null for a bare 门类. */
export function divisionOf(code: string): string | null {
  return industryPath(code).find((n) => n.level === 'division')?.code ?? null;
}

/** A representative posts a challenge for their organisation, as a draft or published at once. */
export async function createChallenge(props: {
  input: ChallengeInput;
  organizationId: string;
  authorId: string;
  organizationName: string;
}): Promise<{ challenge: ChallengeDocument; events: DomainEvent[] }> {
  const { input } = props;
  const description = sanitizeRichText(input.description);
  const now = new Date();
  const challenge = await Challenge.create({
    organizationId: props.organizationId,
    createdBy: props.authorId,
    title: input.title,
    summary: input.summary,
    description,
    industry: input.industry,
    industryDivision: divisionOf(input.industry),
    tags: input.tags,
    deliverable: input.deliverable,
    reward: input.reward,
    deadline: input.deadline,
    visibility: input.visibility,
    teamSizeLimit: input.teamSizeLimit,
    terms: input.terms,
    status: input.publish ? 'open' : 'draft',
    publishedAt: input.publish ? now : null,
    statusChangedAt: now,
    searchText: buildSearchText({ ...input, description, organization: props.organizationName }),
  });
  const events = challenge.status === 'open' ? [event('challenge.published', { challengeId: challenge.id as string, actorId: props.authorId })] : [];
  return { challenge, events };
}
