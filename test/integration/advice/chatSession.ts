/** A founder and an advisor in an open chat session, for the chat tests that need real sockets. */
import { expect } from 'vitest';
import type { RunningServer } from '../../../server/server';
import { nextEvent, request } from '../../helpers/socket';
import { QUESTION, onlineAdvisor, person, type Person } from './setup';

export type { Person };

/**
 * Matches a new founder's question to a new advisor and returns the accepted session; both
 * sockets have joined its room at seq 0.
 */
export async function openSession(server: RunningServer): Promise<{ founder: Person; advisor: Person; sessionId: string }> {
  const advisor = await onlineAdvisor(server, { industries: ['3381'], capacity: 5 });
  const founder = await person(server, ['founder']);
  const offer = nextEvent(advisor.socket, 'advice:offered');
  const { body } = await founder.http.post('/api/advice/requests', QUESTION);
  await offer;
  const accepted = await request(advisor.socket, 'advice:accept', { requestId: body.data.id });
  const sessionId = accepted.data.id as string;
  for (const p of [founder, advisor]) expect((await request(p.socket, 'chat:join', { sessionId, afterSeq: 0 })).data?.seq).toBe(0);
  return { founder, advisor, sessionId };
}
