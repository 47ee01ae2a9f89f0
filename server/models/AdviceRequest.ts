import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { ADVICE_STATES, URGENCIES } from '../../shared/schemas/advice';
import { LOCALES } from '../../shared/roles';

/**
 * A founder's request for advice. `version` counts transitions: every change of state first
 * claims `AdviceTransition` `_id = <requestId>:<version+1>` (an insert, atomic on `_id` even
 * across processes on FerretDB), then moves this document guarded by the old version. So a
 * request is offered to one advisor at a time however many dispatchers race for it.
 */
const adviceRequestSchema = new Schema(
  {
    founderId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    founderName: { type: String, required: true },
    industry: { type: String, required: true },
    topics: { type: [String], default: [] },
    question: { type: String, required: true },
    urgency: { type: String, enum: URGENCIES, default: 'normal' },
    language: { type: String, enum: LOCALES, default: 'zh-CN' },
    state: { type: String, enum: ADVICE_STATES, default: 'matching' },
    version: { type: Number, default: 0 },
    offeredTo: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    offerExpiresAt: { type: Date, default: null },
    /** Advisors who declined or let the offer lapse: never offered this request again. */
    passedBy: { type: [Schema.Types.ObjectId], default: [] },
    attempts: { type: Number, default: 0 },
    sessionId: { type: Schema.Types.ObjectId, ref: 'ChatSession', default: null },
  },
  { timestamps: true },
);
adviceRequestSchema.index({ founderId: 1, createdAt: -1 });
adviceRequestSchema.index({ state: 1 });

export type AdviceRequestRecord = InferSchemaType<typeof adviceRequestSchema>;
export type AdviceRequestDocument = HydratedDocument<AdviceRequestRecord>;
export const AdviceRequest = mongoose.model('AdviceRequest', adviceRequestSchema);

/** The claim log of request transitions; its `_id` uniqueness is the cross-process lock. */
const adviceTransitionSchema = new Schema(
  {
    _id: { type: String, required: true },
    requestId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, enum: ADVICE_STATES, required: true },
    advisorId: { type: Schema.Types.ObjectId, default: null },
    reason: { type: String, default: '' },
    at: { type: Date, default: () => new Date() },
    /** The change itself, so a half-applied transition can be rolled forward. */
    set: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
export const AdviceTransition = mongoose.model('AdviceTransition', adviceTransitionSchema);
