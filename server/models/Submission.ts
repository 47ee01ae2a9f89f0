import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

const review = new Schema(
  {
    score: { type: Number, required: true },
    comment: { type: String, default: '' },
    decision: { type: String, enum: ['accepted', 'declined'], required: true },
    reason: { type: String, default: '' },
    reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A frozen submission: a copy of the version's Yjs state and its rendered HTML and Markdown, so
 * later edits, restores or deleted versions never change what the organisation reviews. A team's
 * resubmissions are new documents (`round` counts up); only the review is ever written later.
 */
const submissionSchema = new Schema(
  {
    challengeId: { type: Schema.Types.ObjectId, ref: 'Challenge', required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    teamId: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    teamName: { type: String, required: true },
    memberIds: { type: [Schema.Types.ObjectId], default: [] },
    versionId: { type: Schema.Types.ObjectId, ref: 'Version', required: true },
    versionName: { type: String, required: true },
    note: { type: String, default: '' },
    submittedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    round: { type: Number, required: true },
    state: { type: Buffer, required: true },
    html: { type: String, default: '' },
    markdown: { type: String, default: '' },
    review: { type: review, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
submissionSchema.index({ challengeId: 1, createdAt: 1 });
submissionSchema.index({ teamId: 1, round: 1 }, { unique: true });

export type SubmissionRecord = InferSchemaType<typeof submissionSchema>;
export type SubmissionDocument = HydratedDocument<SubmissionRecord>;
export const Submission = mongoose.model('Submission', submissionSchema);
