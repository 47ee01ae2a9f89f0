/**
 * The GB/T 4754-2017 taxonomy (everything in ./industryTable, re-exported) and the zod schema
 * of an industry code in a payload. The client imports ./industryTable directly: it never
 * validates with zod, which would otherwise ship with every page.
 */
import { z } from 'zod';
import { normalizeIndustryCode } from './industryTable';

export * from './industryTable';

/**
 * A GB/T 4754-2017 code as it arrives in a payload: trimmed, checked against the known
 * codes and turned into its canonical form ('c3381 ' → '3381').
 */
export const IndustryCode = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const code = normalizeIndustryCode(value);
    if (code === null) {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: `Unknown GB/T 4754-2017 industry code "${value}": expected a section letter A–T or a known 2–4 digit code such as "3381" or "C3381"`,
        params: { reason: 'unknown_industry_code' },
      });
      return z.NEVER;
    }
    return code;
  });
/** A canonical industry code, the output of {@link IndustryCode}. */
export type IndustryCode = z.infer<typeof IndustryCode>;

