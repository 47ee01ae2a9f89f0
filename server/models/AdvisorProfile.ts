import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { LOCALES } from '../../shared/roles';

/**
 * An advisor's console settings and score, keyed by the user's id so it loads by `_id`.
 * Presence (online/away/offline) is not stored: it exists only while sockets are connected.
 */
const advisorProfileSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, ref: 'User' },
    name: { type: String, required: true },
    capacity: { type: Number, default: 2, min: 1, max: 10 },
    industries: { type: [String], default: [] },
    topics: { type: [String], default: [] },
    languages: { type: [String], enum: LOCALES, default: ['zh-CN'] },
    ratingSum: { type: Number, default: 0 },
    ratingCount: { type: Number, default: 0 },
    lastAssignedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type AdvisorProfileRecord = InferSchemaType<typeof advisorProfileSchema>;
export type AdvisorProfileDocument = HydratedDocument<AdvisorProfileRecord>;
export const AdvisorProfile = mongoose.model('AdvisorProfile', advisorProfileSchema);
