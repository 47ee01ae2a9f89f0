import type { ChallengeUpdate, Visibility } from '../../../shared/schemas/challenge';
import { event, type DomainEvent } from '../../events/types';
import { conflict } from '../../errors';
import type { ChallengeDocument } from '../../models/Challenge';
import type { UserDocument } from '../../models/User';
import { divisionOf } from './createChallenge';
import { buildSearchText, sanitizeRichText } from './richText';

const EDITABLE = ['title', 'summary', 'description', 'industry', 'tags', 'deliverable', 'reward', 'deadline', 'visibility', 'teamSizeLimit', 'terms'] as const;

/**
 * Applies an edit. On a live challenge (open or reviewing) the changed fields and the note are
 * recorded as an update entry that participants are told about. Returns the fields that changed.
 */
export async function updateChallenge(props: {
  challenge: ChallengeDocument;
  changes: ChallengeUpdate;
  editor: UserDocument;
  organizationName: string;
}): Promise<{ challenge: ChallengeDocument; fields: string[]; events: DomainEvent[] }> {
  const { challenge, changes, editor } = props;
  if (challenge.status === 'solved' || challenge.status === 'closed') throw conflict(`A ${challenge.status} challenge can no longer be edited`);
  const previousVisibility = challenge.visibility as Visibility;
  const next = { ...changes, ...(changes.description === undefined ? {} : { description: sanitizeRichText(changes.description) }) };
  const fields = EDITABLE.filter((f) => next[f] !== undefined && JSON.stringify(next[f]) !== JSON.stringify(challenge.get(f)));
  for (const f of fields) challenge.set(f, next[f]);
  if (fields.includes('industry')) challenge.industryDivision = divisionOf(challenge.industry);
  challenge.searchText = buildSearchText({
    title: challenge.title,
    summary: challenge.summary,
    tags: challenge.tags,
    description: challenge.description,
    organization: props.organizationName,
  });
  const recorded = (challenge.status === 'open' || challenge.status === 'reviewing') && (fields.length > 0 || !!changes.note);
  if (recorded) challenge.updates.push({ at: new Date(), by: editor._id, byName: editor.name, fields, note: changes.note ?? '' });
  await challenge.save();
  const challengeId = challenge.id as string;
  const events: DomainEvent[] = [];
  // the audience changes first, so those who lose sight of it hear nothing of the edit
  if (fields.includes('visibility')) events.push(event('challenge.visibilityChanged', { challengeId, from: previousVisibility as Visibility, to: challenge.visibility as Visibility }));
  events.push(event('challenge.edited', { challengeId, actorId: editor.id as string, fields, recorded }));
  return { challenge, fields, events };
}
