import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../server/env';

describe('loadEnv', () => {
  it('applies defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', SEED: 'auto', COOKIE_SECURE: false });
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.DATA_DIR).toMatch(/\/data$/);
  });

  it('names every bad variable in one error', () => {
    expect(() => loadEnv({ PORT: 'eighty', MONGODB_URI: 'not a url', LOG_LEVEL: 'loud' })).toThrowError(/PORT[\s\S]*MONGODB_URI[\s\S]*LOG_LEVEL/);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ MONGODB_URI: '' }).MONGODB_URI).toBeUndefined();
  });
});
