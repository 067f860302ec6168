import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.ofdTestPostgres?.stop();
  const dataDir = process.env.OFD_TEST_DATA_DIR;
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
}
