import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from '../../../server/errors';
import { estimatePassword, passwordProblem, passwordUserInputs } from '../../../shared/passwordStrength';
import { ChangePasswordInput, PasswordResetInput, RegisterInput } from '../../../shared/schemas/user';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../server/seed/demo';

/** The detail codes the server would send for this input (as `validationError` builds them). */
function detailCodes(schema: z.ZodType, input: unknown): { path: string; code: string }[] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return (validationError(r.error).details ?? []).map((d) => ({ path: d.path.join('.'), code: d.code }));
}

const register = (password: string, email = 'someone@example.com', name = 'Someone') => ({ email, password, name });

describe('the password rule', () => {
  it.each(['12345678', 'password', 'qwertyuiop', '1qaz2wsx', '88888888', 'iloveyou', 'P@ssw0rd!', 'abc123456'])(
    'refuses the common or patterned %s as weak',
    (pw) => {
      expect(passwordProblem(pw)).toBe('password_weak');
    },
  );

  it.each(['woaini1314', '5201314520', 'zhangwei123', 'qq123456', 'dearbook', 'yinzhi2026'])('refuses the Chinese favourite %s as weak', (pw) => {
    expect(passwordProblem(pw)).toBe('password_weak');
  });

  it('refuses a password built from the account email or name, which it would accept from a stranger', () => {
    const inputs = passwordUserInputs({ email: 'zhangsan.design@example.com', name: 'Zhang San' });
    expect(passwordProblem('zhangsan.design')).toBeNull();
    expect(passwordProblem('zhangsan.design', inputs)).toBe('password_weak');
    expect(passwordProblem('zhangsan.design@example.com', inputs)).toBe('password_weak');
  });

  it('names the pieces of an email and a name as user inputs', () => {
    expect(passwordUserInputs({ email: 'Hu.Xiao@Haers.com', name: '胡晓 Hu' })).toEqual(
      expect.arrayContaining(['hu.xiao@haers.com', 'hu.xiao', 'haers', 'xiao', '胡晓 hu', '胡晓hu', '胡晓']),
    );
  });

  it('gives length problems their own codes before any estimate', () => {
    expect(estimatePassword('Kx9#mQ2')).toEqual({ score: 0, problem: 'password_too_short', warning: null });
    expect(passwordProblem('Kx9#mQ2$'.repeat(26))).toBe('password_too_long');
  });

  it('accepts a random-looking password and the passphrases the tests and the demo use', () => {
    expect(passwordProblem('Kx9#mQ2$vL')).toBeNull();
    for (const who of DEMO_ACCOUNTS) expect(passwordProblem(DEMO_PASSWORD, passwordUserInputs(who))).toBeNull();
    const testUser = passwordUserInputs({ email: 'ada@example.com', name: 'ada' });
    for (const pw of ['correct-horse-1', 'right-password-1', 'another-pass-1']) expect(passwordProblem(pw, testUser)).toBeNull();
  });
});

describe('the schemas that take a new password', () => {
  it('registration refuses a weak password with the machine code password_weak on the field', () => {
    expect(detailCodes(RegisterInput, register('12345678'))).toEqual([{ path: 'password', code: 'password_weak' }]);
    expect(detailCodes(RegisterInput, register('password'))).toEqual([{ path: 'password', code: 'password_weak' }]);
  });

  it('registration refuses the email as password', () => {
    const email = 'zhangsan.design@example.com';
    expect(detailCodes(RegisterInput, register(email, email))).toEqual([{ path: 'password', code: 'password_weak' }]);
    expect(detailCodes(RegisterInput, register('zhangsan.design', email))).toEqual([{ path: 'password', code: 'password_weak' }]);
  });

  it('a short password reports one problem, password_too_short', () => {
    expect(detailCodes(RegisterInput, register('short'))).toEqual([{ path: 'password', code: 'password_too_short' }]);
  });

  it('registration still accepts a strong password', () => {
    expect(RegisterInput.safeParse(register('correct-horse-1')).success).toBe(true);
  });

  it('change password applies the rule to the new password and refuses an unchanged one', () => {
    expect(detailCodes(ChangePasswordInput, { currentPassword: 'x', newPassword: '12345678' })).toEqual([{ path: 'newPassword', code: 'password_weak' }]);
    const same = 'correct-horse-1';
    expect(detailCodes(ChangePasswordInput, { currentPassword: same, newPassword: same })).toEqual([{ path: 'newPassword', code: 'password_unchanged' }]);
    expect(ChangePasswordInput.safeParse({ currentPassword: 'old-one', newPassword: same }).success).toBe(true);
  });

  it('reset applies the rule and calls a malformed token invalid', () => {
    const token = 'A'.repeat(43);
    expect(detailCodes(PasswordResetInput, { token, newPassword: 'qwertyuiop' })).toEqual([{ path: 'newPassword', code: 'password_weak' }]);
    expect(detailCodes(PasswordResetInput, { token: 'nope', newPassword: 'correct-horse-1' })).toEqual([{ path: 'token', code: 'reset_token_invalid' }]);
  });
});

describe('the client bundle', () => {
  // The dictionaries are megabytes: only a dynamic import() may reach them from client code.
  it('imports the estimator and the user schemas only lazily or as types', () => {
    const root = path.resolve(import.meta.dirname, '../../../client');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|vue)$/.test(f));
    const offenders = files.filter((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      return /^import\s+(?!type\b)[^;]*from\s+'[./]*shared\/(passwordStrength|schemas\/user)'/m.test(text) || /from\s+'@zxcvbn-ts\//.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
