import { ElMessage } from 'element-plus';
import { reactive } from 'vue';
import { ApiError } from '../api/ApiError';
import { errorMessage, fieldErrorMessage } from '../i18n';

/**
 * Server-side field problems for a form: `apply(err)` spreads an {@link ApiError}'s `details`
 * over the named fields (shown through `<el-form-item :error>`) and toasts the overall message.
 */
export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as Record<F, string>;

  function clear(): void {
    for (const f of fields) errors[f] = '';
  }

  function apply(err: unknown): void {
    clear();
    if (err instanceof ApiError) {
      for (const detail of err.details) {
        const field = detail.path[0];
        if (typeof field === 'string' && (fields as readonly string[]).includes(field) && !errors[field as F]) {
          errors[field as F] = fieldErrorMessage(detail);
        }
      }
    }
    ElMessage.error(errorMessage(err));
  }

  return { errors, clear, apply };
}
