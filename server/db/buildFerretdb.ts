/** `npm run ferretdb:build`: builds the embedded database binary (used by .ci/run and first start). */
import { DEFAULT_FERRETDB_BIN, ensureFerretdbBinary } from './ferretdb';

try {
  const bin = ensureFerretdbBinary(process.env.FERRETDB_BIN || DEFAULT_FERRETDB_BIN, (m) => console.log(m));
  console.log(`FerretDB ready: ${bin}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
