import type { ChallengeUpdate } from '../../../shared/schemas/challenge';
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
}): Promise<{ challenge: ChallengeDocument; fields: string[]; recorded: boolean; previousVisibility: string }> {
  const { challenge, changes, editor } = props;
  if (challenge.status === 'solved' || challenge.status === 'closed') throw conflict(`A ${challenge.status} challenge can no longer be edited`);
  const previousVisibility = challenge.visibility;
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
  return { challenge, fields, recorded, previousVisibility };
}
