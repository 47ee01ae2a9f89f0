/**
 * The message compiler the app installs in vue-i18n instead of vue-i18n's own (which, with its
 * parser and code generator, is ~17 KB of every first visit; vite.config.ts drops it through
 * `__INTLIFY_DROP_MESSAGE_COMPILER__`). Our messages use one piece of vue-i18n's syntax, named
 * interpolation `{name}`, and this compiler understands exactly that; the unit test
 * test/unit/client/messageCompiler.test.ts checks that every message of both locales comes out
 * as vue-i18n's compiler would make it, so a message using more syntax (plurals `|`, linked
 * `@:`, list `{0}`, literals `{'…'}`) fails there rather than shows raw on a page.
 */
import { toDisplayString } from 'vue';
import type { MessageCompiler, MessageContext, MessageFunction } from 'vue-i18n';

const PLACEHOLDER = /\{\s*([A-Za-z_][\w-]*)\s*\}/g;

/** A message function (as vue-i18n calls it) for one message string; anything else is echoed. */
export const compileMessage: MessageCompiler = (message, { key }) => {
  if (typeof message !== 'string') return (() => key) as MessageFunction;
  const parts: (string | { name: string })[] = [];
  let last = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(message.slice(last, match.index));
    parts.push({ name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < message.length) parts.push(message.slice(last));
  if (parts.every((p) => typeof p === 'string')) return (() => message) as MessageFunction;
  // vue-i18n shows a value as Vue's templates do ({{ }}): null and undefined as '', objects as JSON.
  const fn = (ctx: MessageContext) => parts.map((p) => (typeof p === 'string' ? p : toDisplayString(ctx.named(p.name)))).join('');
  return fn as MessageFunction;
};
