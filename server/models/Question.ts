import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

const questionSchema = new Schema(
  {
    challengeId: { type: Schema.Types.ObjectId, ref: 'Challenge', required: true },
    askerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    text: { type: String, required: true },
    visibility: { type: String, enum: ['public', 'private'], default: 'public' },
    answer: {
      type: new Schema({ text: String, by: { type: Schema.Types.ObjectId, ref: 'User' }, at: Date }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true },
);
questionSchema.index({ challengeId: 1, createdAt: 1 });

export type QuestionRecord = InferSchemaType<typeof questionSchema>;
export type QuestionDocument = HydratedDocument<QuestionRecord>;
export const Question = mongoose.model('Question', questionSchema);
