import { afterEach, describe, expect, it } from 'vitest';
import { ensureFerretdbBinary } from '../../../../server/db/ferretdb';

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe('ensureFerretdbBinary', () => {
  it('returns an existing binary without building', () => {
    expect(ensureFerretdbBinary(process.execPath)).toBe(process.execPath);
  });

  it('explains what to do when Go is missing and no MONGODB_URI is set', () => {
    process.env.PATH = '/nonexistent';
    expect(() => ensureFerretdbBinary('/nonexistent/ferretdb')).toThrowError(/install Go[\s\S]*MONGODB_URI/);
  });
});
