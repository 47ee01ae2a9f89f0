import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * One advice conversation. `seq` is a hint of the last stored message (written lazily); the
 * messages themselves (ChatMessage/ChatBucket) are the truth and are found by `_id`.
 */
const chatSessionSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, ref: 'AdviceRequest', required: true },
    founderId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    founderName: { type: String, required: true },
    advisorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    advisorName: { type: String, required: true },
    industry: { type: String, required: true },
    topics: { type: [String], default: [] },
    question: { type: String, required: true },
    state: { type: String, enum: ['open', 'ended'], default: 'open' },
    seq: { type: Number, default: 0 },
    readFounder: { type: Number, default: 0 },
    readAdvisor: { type: Number, default: 0 },
    startedAt: { type: Date, default: () => new Date() },
    endedAt: { type: Date, default: null },
    endedBy: { type: Schema.Types.ObjectId, default: null },
    rating: { type: Number, default: null, min: 1, max: 5 },
    comment: { type: String, default: '' },
    summary: { type: String, default: '' },
  },
  { timestamps: true },
);
chatSessionSchema.index({ founderId: 1, startedAt: -1 });
chatSessionSchema.index({ advisorId: 1, startedAt: -1 });

export type ChatSessionRecord = InferSchemaType<typeof chatSessionSchema>;
export type ChatSessionDocument = HydratedDocument<ChatSessionRecord>;
export const ChatSession = mongoose.model('ChatSession', chatSessionSchema);
