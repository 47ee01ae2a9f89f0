import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { REPRESENTATION_STATES } from '../../shared/schemas/representation';

/** One account's request to represent one organisation, and its decision. */
const representationRequestSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    status: { type: String, enum: REPRESENTATION_STATES, default: 'pending' },
    reason: { type: String, default: '' },
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    decidedAt: { type: Date, default: null },
    /** How it came: asked for, or an accepted invite. */
    via: { type: String, enum: ['request', 'invite'], default: 'request' },
  },
  { timestamps: true },
);
representationRequestSchema.index({ status: 1, organizationId: 1, createdAt: -1 });
representationRequestSchema.index({ userId: 1, createdAt: -1 });

export type RepresentationRequestDocument = HydratedDocument<InferSchemaType<typeof representationRequestSchema>>;
export const RepresentationRequest = mongoose.model('RepresentationRequest', representationRequestSchema);

/** An invitation by e-mail, keyed by the e-mail (one open invite per address: the latest). */
const representativeInviteSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
representativeInviteSchema.index({ organizationId: 1 });

export type RepresentativeInviteDocument = HydratedDocument<InferSchemaType<typeof representativeInviteSchema>>;
export const RepresentativeInvite = mongoose.model('RepresentativeInvite', representativeInviteSchema);
