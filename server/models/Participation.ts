import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * One expert's standing on one challenge, keyed `<challengeId>:<userId>` so every check is an
 * `_id` read. `teamId` is set with a guarded update (`teamId: null`), which is what keeps an
 * expert in at most one team per challenge even when requests race.
 */
const participationSchema = new Schema(
  {
    _id: { type: String, required: true },
    challengeId: { type: Schema.Types.ObjectId, ref: 'Challenge', required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    acceptedTermsAt: { type: Date, default: null },
    invitedAt: { type: Date, default: null },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    teamId: { type: Schema.Types.ObjectId, ref: 'Team', default: null },
  },
  { timestamps: true },
);
participationSchema.index({ challengeId: 1 });
participationSchema.index({ userId: 1 });

export const participationId = (challengeId: string, userId: string) => `${challengeId}:${userId}`;
export type ParticipationRecord = InferSchemaType<typeof participationSchema>;
export const Participation = mongoose.model('Participation', participationSchema);
