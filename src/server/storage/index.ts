// The file store named by the configuration (config.storage): a local folder by default
// (DATA_DIR/files), or an S3-compatible bucket with STORAGE=s3. See file-store.ts for the contract.
import type { Config } from '../config.js';
import type { FileStore } from './file-store.js';
import { createLocalFileStore } from './local-store.js';
import { createS3FileStore } from './s3-store.js';

export * from './file-store.js';
export { createLocalFileStore, type LocalFileStore } from './local-store.js';
export { createS3FileStore, S3RequestError, type S3FileStore, type S3StoreConfig } from './s3-store.js';

export function createFileStore(storage: Config['storage']): FileStore {
  return storage.kind === 'local' ? createLocalFileStore(storage.dir) : createS3FileStore(storage);
}
