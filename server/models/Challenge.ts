import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { CHALLENGE_STATUSES, DELIVERABLES } from '../../shared/schemas/challenge';

const updateEntry = new Schema(
  { at: { type: Date, required: true }, by: { type: Schema.Types.ObjectId, ref: 'User' }, byName: String, fields: [String], note: String },
  { _id: false },
);

const challengeSchema = new Schema(
  {
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    title: { type: String, required: true },
    summary: { type: String, required: true },
    /** Sanitised HTML. */
    description: { type: String, default: '' },
    industry: { type: String, required: true },
    /** Derived from `industry` so "near my industries" is an index-friendly equality. */
    industryDivision: { type: String, default: null },
    tags: { type: [String], default: [] },
    deliverable: { type: String, enum: DELIVERABLES, default: 'plan' },
    reward: { amount: { type: Number, default: null }, description: { type: String, default: '' } },
    deadline: { type: Date, required: true },
    visibility: { type: String, enum: ['public', 'members'], default: 'public' },
    teamSizeLimit: { type: Number, default: 5 },
    terms: { type: String, default: '' },
    status: { type: String, enum: CHALLENGE_STATUSES, default: 'draft' },
    updates: { type: [updateEntry], default: [] },
    teamCount: { type: Number, default: 0 },
    participantCount: { type: Number, default: 0 },
    /** Lower-cased title, summary, tags, organisation and plain description: what text search matches
     * with a regex (no `$text` on FerretDB; regex also finds Chinese substrings without a tokenizer). */
    searchText: { type: String, default: '' },
    publishedAt: { type: Date, default: null },
    statusChangedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
challengeSchema.index({ status: 1, deadline: 1 });
challengeSchema.index({ organizationId: 1, status: 1 });

export type ChallengeRecord = InferSchemaType<typeof challengeSchema>;
export type ChallengeDocument = HydratedDocument<ChallengeRecord>;
export const Challenge = mongoose.model('Challenge', challengeSchema);
