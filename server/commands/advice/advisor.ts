import type { AdvisorProfileInput } from '../../../shared/schemas/advice';
import type { AdviceService } from '../../matching/service';
import { AdvisorProfile } from '../../models/AdvisorProfile';

/** Saves the advisor's capacity, industries, topics and languages and re-files them live. */
export async function updateAdvisorProfile(props: { service: AdviceService; userId: string; changes: AdvisorProfileInput }) {
  await props.service.profile(props.userId);
  const profile = await AdvisorProfile.findOneAndUpdate({ _id: props.userId }, { $set: props.changes }, { returnDocument: 'after' });
  if (profile) props.service.refresh(profile);
  return props.service.advisorState(props.userId);
}
