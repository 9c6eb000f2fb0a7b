// Everything a route or command needs from the outside world, built once at start-up.
import type { Config } from './config.js';
import type { Database, DatabaseHandle } from './db/client.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import type { RateLimits } from './http/rate-limit.js';
import type { SmsSender } from './auth/sms-sender.js';
import type { FileStore } from './storage/file-store.js';
import type { PaymentProvider } from './payments/provider.js';
import type { Sm2KeyPair } from './crypto/sm2.js';

export interface Services {
  config: Config;
  db: Database;
  database: DatabaseHandle;
  cipher: FieldCipher;
  rateLimits: RateLimits;
  sms: SmsSender;
  /** Uploaded scans and generated documents: a local folder or an S3-compatible bucket. */
  files: FileStore;
  /** How applicants pay the evaluation fee: PAYMENT_PROVIDER, bank transfer / payment code by default. */
  payments: PaymentProvider;
  /** The SM2 key pair that signs electronic certificates, derived from the master key (crypto/sm2.ts). */
  signingKey: Sm2KeyPair;
}
