import type { Realtime } from '../../context';
import { badRequest, isDuplicateKey } from '../../errors';
import { Challenge, type ChallengeDocument } from '../../models/Challenge';
import { Participation, participationId } from '../../models/Participation';
import { User, type UserDocument } from '../../models/User';
import { notify } from '../notifications/notify';

/** The viewer's standing on a challenge (for its page). */
export async function myParticipation(challengeId: string, user: UserDocument | null) {
  if (!user) return { acceptedTerms: false, invited: false, teamId: null };
  const p = await Participation.findById(participationId(challengeId, user.id as string)).lean();
  return { acceptedTerms: !!p?.acceptedTermsAt, invited: !!p?.invitedAt, teamId: p?.teamId ? String(p.teamId) : null };
}

/** Records that an expert accepted the participation terms; counts them once. */
export async function acceptTerms(props: { challenge: ChallengeDocument; user: UserDocument }): Promise<ChallengeDocument> {
  const { challenge, user } = props;
  const _id = participationId(challenge.id as string, user.id as string);
  const now = new Date();
  const existing = await Participation.findById(_id).lean();
  if (existing?.acceptedTermsAt) return challenge;
  let first = false;
  if (existing) {
    first = (await Participation.updateOne({ _id, acceptedTermsAt: null }, { $set: { acceptedTermsAt: now } })).modifiedCount === 1;
  } else {
    try {
      await Participation.create({ _id, challengeId: challenge._id, userId: user._id, acceptedTermsAt: now });
      first = true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  if (!first) return challenge;
  return (await Challenge.findByIdAndUpdate(challenge._id, { $inc: { participantCount: 1 } }, { returnDocument: 'after' })) ?? challenge;
}

/** The organisation invites a named expert to take part; the expert is notified. */
export async function inviteExpert(props: { realtime: Realtime; challenge: ChallengeDocument; inviter: UserDocument; email: string }): Promise<UserDocument> {
  const { challenge, inviter } = props;
  const invitee = await User.findOne({ email: props.email, disabled: false });
  if (!invitee || !invitee.roles.includes('expert')) {
    throw badRequest('No expert with this email', [{ path: ['email'], code: 'not_expert', message: 'no expert account with this email' }]);
  }
  await Participation.updateOne(
    { _id: participationId(challenge.id as string, invitee.id as string) },
    { $set: { invitedAt: new Date(), invitedBy: inviter._id }, $setOnInsert: { challengeId: challenge._id, userId: invitee._id } },
    { upsert: true },
  );
  await notify({
    realtime: props.realtime,
    userIds: [invitee.id as string],
    kind: 'challenge.invited',
    data: { challengeId: challenge.id as string, challengeTitle: challenge.title, actorName: inviter.name },
    link: `/challenges/${challenge.id as string}`,
  });
  return invitee;
}
