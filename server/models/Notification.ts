import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { NOTIFICATION_KINDS } from '../../shared/schemas/notification';

const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    link: { type: String, default: '/' },
    readAt: { type: Date, default: null },
  },
  { timestamps: true },
);
notificationSchema.index({ userId: 1, createdAt: -1 });

export type NotificationRecord = InferSchemaType<typeof notificationSchema>;
export type NotificationDocument = HydratedDocument<NotificationRecord>;
export const Notification = mongoose.model('Notification', notificationSchema);
