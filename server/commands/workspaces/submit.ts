import { badRequest, conflict, isDuplicateKey } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import type { ChallengeDocument } from '../../models/Challenge';
import { Submission, type SubmissionDocument } from '../../models/Submission';
import type { TeamDocument } from '../../models/Team';
import type { VersionDocument } from '../../models/Version';
import { renderMarkdown } from '../../collab/markdown';
import { renderHtml } from '../../collab/render';

/**
 * Freezes a version as the team's next submission (round n+1): its own copy of the state plus
 * the rendered HTML and Markdown. Earlier rounds stay as they were. The unique (team, round)
 * index turns a double click or two racing leads into one submission and a 409.
 */
export async function submitVersion(props: {
  team: TeamDocument;
  challenge: ChallengeDocument;
  version: VersionDocument;
  userId: string;
  note: string;
  now?: Date;
}): Promise<{ submission: SubmissionDocument; events: DomainEvent[] }> {
  const { team, challenge, version } = props;
  if (challenge.deadline.getTime() <= (props.now ?? new Date()).getTime()) throw conflict('The deadline has passed');
  const state = new Uint8Array(version.state);
  const html = renderHtml(state);
  if (!html.replace(/<[^>]*>/g, '').trim() && !html.includes('<img')) {
    throw badRequest('This version is empty', [{ path: ['versionId'], code: 'empty_version', message: 'the version has no content' }]);
  }
  const round = (await Submission.countDocuments({ teamId: team._id })) + 1;
  let submission: SubmissionDocument;
  try {
    submission = await Submission.create({
      challengeId: challenge._id,
      organizationId: challenge.organizationId,
      teamId: team._id,
      teamName: team.name,
      memberIds: team.members.map((m) => m.userId),
      versionId: version._id,
      versionName: version.name,
      note: props.note,
      submittedBy: props.userId,
      round,
      state: Buffer.from(state),
      html,
      markdown: renderMarkdown(state),
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('Another submission was made at the same moment; reload and try again');
    throw err;
  }
  const data = { submissionId: submission.id as string, teamId: team.id as string, challengeId: challenge.id as string, submitterId: props.userId };
  return { submission, events: [event('submission.created', data)] };
}
