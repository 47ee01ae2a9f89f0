import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

const organizationSchema = new Schema(
  {
    name: { type: String, required: true, unique: true, trim: true },
    nameEn: { type: String, default: '' },
    industry: { type: String, required: true },
    description: { type: String, default: '' },
    /** True for the placeholder members the seed invents beyond those the article names. */
    fictional: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type OrganizationRecord = InferSchemaType<typeof organizationSchema>;
export type OrganizationDocument = HydratedDocument<OrganizationRecord>;
export const Organization = mongoose.model('Organization', organizationSchema);
