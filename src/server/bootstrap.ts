// Wires configuration, database and crypto into Services. Shared by main.ts, tests and benches.
import type { Config } from './config.js';
import { createOutboxSmsSender } from './auth/sms-sender.js';
import { createFieldCipher, deriveKeys } from './crypto/field-cipher.js';
import { deriveSigningKey } from './crypto/sm2.js';
import { connectDatabase } from './db/client.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './http/rate-limit.js';
import { paymentProviderFor } from './payments/provider.js';
import type { Services } from './services.js';
import { createFileStore } from './storage/index.js';

export function createServices(
  config: Config,
  database: { url: string; appRole: boolean },
  masterKey: Buffer,
  rateLimits: RateLimits = DEFAULT_RATE_LIMITS,
): Services {
  const handle = connectDatabase(database.url, { appRole: database.appRole });
  const keys = deriveKeys(masterKey);
  const cipher = createFieldCipher(keys);
  return {
    config,
    db: handle.db,
    database: handle,
    cipher,
    rateLimits,
    sms: createOutboxSmsSender(cipher),
    files: createFileStore(config.storage),
    payments: paymentProviderFor(config.paymentProvider),
    signingKey: deriveSigningKey(masterKey),
  };
}
