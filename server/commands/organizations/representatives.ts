import { Types } from 'mongoose';
import { User } from '../../models/User';

/** The ids of an organisation's approved, enabled representatives (who are told what concerns it). */
export async function representativeIds(organizationId: string | Types.ObjectId): Promise<string[]> {
  const reps = await User.find({ organizationId: new Types.ObjectId(String(organizationId)), roles: 'representative', disabled: false }, { _id: 1 }).lean();
  return reps.map((r) => String(r._id));
}
