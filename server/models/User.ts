import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { LOCALES, ROLES } from '../../shared/roles';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true, trim: true },
    roles: { type: [String], enum: ROLES, default: ['expert'] },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', default: null },
    bio: { type: String, default: '' },
    industries: { type: [String], default: [] },
    skills: { type: [String], default: [] },
    languages: { type: [String], enum: LOCALES, default: ['zh-CN'] },
    disabled: { type: Boolean, default: false },
    /** The account's latest request to represent an organisation while it is not approved (shown as "pending approval"). */
    representation: {
      type: new Schema({ requestId: Schema.Types.ObjectId, organizationId: Schema.Types.ObjectId, organizationName: String, status: String, reason: String }, { _id: false }),
      default: null,
    },
    /** Solutions of this user's teams that an organisation accepted (shown on the profile). */
    credits: { type: [new Schema({ challengeId: { type: Schema.Types.ObjectId, ref: 'Challenge' }, title: String, at: Date }, { _id: false })], default: [] },
  },
  { timestamps: true },
);
userSchema.index({ organizationId: 1 });

export type UserRecord = InferSchemaType<typeof userSchema>;
export type UserDocument = HydratedDocument<UserRecord>;
export const User = mongoose.model('User', userSchema);
