/**
 * The one password rule, for the server's schemas and the client's meter alike: 8 to 200
 * characters and a zxcvbn score of at least 3 ("safely unguessable": about 10^8 guesses or more),
 * judged against the common-password and English dictionaries, keyboard walks, sequences, dates
 * and repeats, and against the account's own details (email, its parts, name) when known.
 *
 * The dictionaries weigh megabytes: the server loads them at start, the client only through a
 * dynamic `import()` of this module on the pages that ask for a new password.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn scores run 0–4; 3 is its "safely unguessable" band (≥ 10^8 guesses). */
export const PASSWORD_MIN_SCORE = 3;

/** Machine codes of a refused password, as sent in a validation detail and translated by the client. */
export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_weak';

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordEstimate {
  score: PasswordScore;
  /** Why it is refused, or null when it is accepted. */
  problem: PasswordProblem | null;
  /** zxcvbn's warning key (`commonPasswords`, `userInputs`, `straightRow`…), for a hint. */
  warning: string | null;
}

/**
 * Choices people here make that the bundled lists rank too low or miss: the most frequent
 * entries of the 2011 CSDN leak, love numbers (520 = 我爱你, 1314 = 一生一世), pinyin phrases,
 * places, and this site's own names.
 */
const CHINESE_COMMON = [
  'woaini1314', 'woaini520', 'aini1314', 'woaini', 'woaiwojia', 'wodemima', 'mima', 'nihao', 'dearbook',
  'xiazhili', '5201314', '1314520', '520520', '1314', 'qq123456', '147258369', '789456123', '123654789',
  '31415926', '110110110', '12344321', 'zhongguo', 'beijing', 'shanghai', 'zhejiang', 'hangzhou',
  'jinshan', 'yinzhi', 'zhangwei', 'wangwei', 'wangfang', 'liwei', 'liuyang', 'zhangmin', 'lijing',
];

// Beyond this many characters the analysis stops (the rest only adds strength); repeats of long
// inputs are what make zxcvbn slow, and registration is open to anyone.
const ANALYSED_LENGTH = 64;

let factory: ZxcvbnFactory | null = null;

/** Built on first use: ranking the dictionaries takes ~0.1 s, not worth paying at import. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary, 'passwords-zh': CHINESE_COMMON },
    graphs: adjacencyGraphs,
    // Levenshtein matching costs 100–400 ms a check here, too much for a request handler.
    useLevenshteinDistance: false,
    maxLength: ANALYSED_LENGTH,
  });
  return factory;
}

/**
 * The words of an account that must not carry a password: the email, its local part and domain
 * name, their pieces (`hu.xiao` → `hu`, `xiao`), and the name whole, without spaces and by word.
 */
export function passwordUserInputs(who: { email?: string | null; name?: string | null }): string[] {
  const words = new Set<string>();
  const add = (w: string | undefined) => {
    const v = w?.trim().toLowerCase();
    if (v && v.length >= 2) words.add(v);
  };
  const email = who.email?.trim().toLowerCase() ?? '';
  if (email) {
    const [local = '', domain = ''] = email.split('@');
    add(email);
    add(local);
    add(domain.split('.')[0]);
    local.split(/[._+-]+/).forEach(add);
  }
  const name = who.name?.trim() ?? '';
  if (name) {
    add(name);
    add(name.replace(/\s+/g, ''));
    name.split(/[\s·.（）()]+/).forEach(add);
  }
  return [...words];
}

/** Length first (cheap), then the estimator; the score is 0 for a refused length. */
export function estimatePassword(password: string, userInputs: readonly string[] = []): PasswordEstimate {
  if (password.length < PASSWORD_MIN_LENGTH) return { score: 0, problem: 'password_too_short', warning: null };
  if (password.length > PASSWORD_MAX_LENGTH) return { score: 0, problem: 'password_too_long', warning: null };
  const result = estimator().check(password, [...userInputs]);
  const score = result.score as PasswordScore;
  return { score, problem: score < PASSWORD_MIN_SCORE ? 'password_weak' : null, warning: result.feedback.warning };
}

/** Why `password` is refused for an account with these details, or null when it is accepted. */
export function passwordProblem(password: string, userInputs: readonly string[] = []): PasswordProblem | null {
  return estimatePassword(password, userInputs).problem;
}

/** English fallback sentences for the codes (the client shows its own zh-CN/en translations). */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `at least ${PASSWORD_MIN_LENGTH} characters`,
  password_too_long: `at most ${PASSWORD_MAX_LENGTH} characters`,
  password_weak: 'too easy to guess: avoid common passwords, sequences, keyboard rows and your own email or name',
};
