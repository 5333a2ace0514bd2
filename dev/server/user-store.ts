import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One passkey of a wallet. Field names follow the real server's User document (`credId`, `prevCounter`). */
export interface StoredCredential {
  credId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  prevCounter: number;
  transports: string[];
  device: string;
  createdAt: string;
}

/** What `GET /auth/session` and the attestation/assertion responses return as `user`. */
export interface StoredUser {
  id: string;
  wallet: string;
  credentials: StoredCredential[];
}

interface UserFile {
  version: 1;
  users: StoredUser[];
}

const FILE_NAME = 'liquid-auth-users.json';

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isCredential(value: unknown): value is StoredCredential {
  const c = value as Partial<StoredCredential> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.credId === 'string' &&
    typeof c.publicKey === 'string' &&
    typeof c.prevCounter === 'number' &&
    isStringArray(c.transports) &&
    typeof c.device === 'string' &&
    typeof c.createdAt === 'string'
  );
}

function isUser(value: unknown): value is StoredUser {
  const u = value as Partial<StoredUser> | null;
  return (
    typeof u === 'object' &&
    u !== null &&
    typeof u.id === 'string' &&
    typeof u.wallet === 'string' &&
    Array.isArray(u.credentials) &&
    u.credentials.every(isCredential)
  );
}

function parseUserFile(text: string, path: string): StoredUser[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${(err as Error).message}); fix or delete it`);
  }
  const file = parsed as Partial<UserFile> | null;
  if (typeof file !== 'object' || file === null || file.version !== 1 || !Array.isArray(file.users)) {
    throw new Error(`${path} is not a version 1 user file; fix or delete it`);
  }
  if (!file.users.every(isUser)) throw new Error(`${path} holds a malformed user entry; fix or delete it`);
  return file.users;
}

/**
 * Registered wallets and their passkeys, kept in memory and persisted as one JSON file so that a returning wallet
 * can assert after a restart. Every change rewrites the whole file through a temp file and a rename, one write
 * at a time, so a crash never leaves a half-written file.
 */
export class UserStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly users: StoredUser[],
  ) {}

  /** Loads the store; a corrupt file stops start-up loudly rather than silently forgetting passkeys. */
  static async open(dataDir: string): Promise<UserStore> {
    const path = join(dataDir, FILE_NAME);
    await mkdir(dataDir, { recursive: true });
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return new UserStore(path, text === undefined ? [] : parseUserFile(text, path));
  }

  findByWallet(wallet: string): StoredUser | undefined {
    const user = this.users.find((u) => u.wallet === wallet);
    return user && structuredClone(user);
  }

  findByCredId(credId: string): { user: StoredUser; credential: StoredCredential } | undefined {
    for (const user of this.users) {
      const credential = user.credentials.find((c) => c.credId === credId);
      if (credential) return { user: structuredClone(user), credential: structuredClone(credential) };
    }
    return undefined;
  }

  /** Adds (or replaces, by credId) a passkey for `wallet`, creating the user on first registration. */
  async addCredential(wallet: string, credential: StoredCredential): Promise<StoredUser> {
    for (const other of this.users) other.credentials = other.credentials.filter((c) => c.credId !== credential.credId);
    let user = this.users.find((u) => u.wallet === wallet);
    if (!user) {
      user = { id: randomUUID(), wallet, credentials: [] };
      this.users.push(user);
    }
    user.credentials.push(structuredClone(credential));
    await this.persist();
    return structuredClone(user);
  }

  async updateCounter(credId: string, counter: number): Promise<StoredUser | undefined> {
    for (const user of this.users) {
      const credential = user.credentials.find((c) => c.credId === credId);
      if (credential) {
        credential.prevCounter = counter;
        await this.persist();
        return structuredClone(user);
      }
    }
    return undefined;
  }

  /** Resolves once every change made so far is on disk. */
  async flush(): Promise<void> {
    await this.writes;
  }

  private persist(): Promise<void> {
    const write = this.writes.then(() => this.writeSnapshot());
    // Later writes must still run after a failed one; the caller of the failed one sees its error.
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async writeSnapshot(): Promise<void> {
    const file: UserFile = { version: 1, users: this.users };
    const temp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      await rename(temp, this.path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}
