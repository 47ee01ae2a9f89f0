import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

const member = new Schema(
  { userId: { type: Schema.Types.ObjectId, ref: 'User', required: true }, role: { type: String, enum: ['lead', 'member'], required: true }, joinedAt: { type: Date, required: true } },
  { _id: false },
);
const request = new Schema(
  { userId: { type: Schema.Types.ObjectId, ref: 'User', required: true }, message: { type: String, default: '' }, at: { type: Date, required: true } },
  { _id: false },
);

const teamSchema = new Schema(
  {
    challengeId: { type: Schema.Types.ObjectId, ref: 'Challenge', required: true },
    name: { type: String, required: true },
    leadId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    members: { type: [member], default: [] },
    /** Kept equal to members.length by every update: the size-limit guard filters on it. */
    memberCount: { type: Number, default: 0 },
    sizeLimit: { type: Number, required: true },
    requests: { type: [request], default: [] },
    status: { type: String, enum: ['active', 'disbanded'], default: 'active' },
  },
  { timestamps: true },
);
teamSchema.index({ challengeId: 1, status: 1 });
teamSchema.index({ 'members.userId': 1 });

export type TeamRecord = InferSchemaType<typeof teamSchema>;
export type TeamDocument = HydratedDocument<TeamRecord>;
export const Team = mongoose.model('Team', teamSchema);
