import { z } from 'zod';

/** A MongoDB ObjectId as 24 hex characters (params, references). */
export const ObjectIdString = z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');
export type ObjectIdString = z.infer<typeof ObjectIdString>;

export const IdParams = z.object({ id: ObjectIdString });
export type IdParams = z.infer<typeof IdParams>;

/** Page-based paging for list endpoints; limits keep any one reply small. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
