// Creates an administrator account on a production installation, which has no default account:
//   npm run create-admin -- <username> <system_admin|security_admin|audit_admin> <name>
// Prints a random initial password once. The account must enrol TOTP at its first log-in.
// Uses the same configuration as the server (DATABASE_URL, or the embedded database in DATA_DIR,
// running or not).
import { randomBytes } from 'node:crypto';
import { validateUsername } from '../../domain/identifiers.js';
import { ADMIN_ROLES, type Role } from '../../domain/roles.js';
import { appendAudit } from '../audit/append-audit.js';
import { createServices } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { hashPassword } from '../crypto/password-hash.js';
import { loadMasterKey } from '../crypto/keys.js';
import { migrateDatabase } from '../db/migrate.js';
import { roleAssignments, users } from '../db/schema.js';
import { openInstallationDatabase } from './installation.js';
import { systemContext } from '../http/context.js';

async function main() {
  const [usernameArg, role, name] = process.argv.slice(2).filter((a) => a !== '--demo');
  const username = validateUsername(usernameArg ?? '');
  if (!username.ok || !(ADMIN_ROLES as readonly string[]).includes(role) || !name) {
    console.error(`usage: npm run create-admin -- <username> <${ADMIN_ROLES.join('|')}> <name>`);
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openInstallationDatabase(config);
  const url = database.url;
  const { appRole } = await migrateDatabase(url);
  const services = createServices(config, { url, appRole }, await loadMasterKey(config));
  // 20 random bytes in base64url, plus one of each class so the policy is always met.
  const password = `${randomBytes(15).toString('base64url')}aZ9#`;
  try {
    await services.db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ username: username.value, name, passwordHash: await hashPassword(password) }).returning({ id: users.id });
      await tx.insert(roleAssignments).values({ userId: user.id, role: role as Role });
      await appendAudit(tx, systemContext('cli-create-admin'), { action: 'user.create', objectType: 'user', objectId: user.id, detail: { username: username.value, role } });
    });
    console.log(`Created ${role} "${username.value}". Initial password (shown once): ${password}`);
  } finally {
    await services.database.close();
    await database.close();
  }
}

main().catch((error) => {
  console.error(`create-admin failed: ${(error as Error).message}`);
  process.exit(1);
});
