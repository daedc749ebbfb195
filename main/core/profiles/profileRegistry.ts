import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WardenError } from '../../../shared/errors.ts';
import { atomicWriteFile } from '../fs/atomicWriteFile.ts';
import { describeZodError } from '../zodMessages.ts';
import { PROFILES_VERSION, Profile, ProfilesFile, type ProfilesFile as ProfilesFileType } from './profileSchema.ts';

export const PROFILES_FILE = 'profiles.json';

/** Each step lifts a file of version N to N + 1. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 -> 2: Microsoft profiles gained `useWindowsBroker` (off unless chosen).
  1: (old) => ({
    ...old,
    version: 2,
    profiles: Array.isArray(old['profiles'])
      ? (old['profiles'] as Array<Record<string, unknown>>).map((p) => (p['kind'] === 'microsoft' ? { useWindowsBroker: false, ...p } : p))
      : old['profiles'],
  }),
};

type NewProfile = Profile extends infer P ? (P extends Profile ? Omit<P, 'id' | 'createdAt'> : never) : never;

/**
 * The tenant profiles in the data folder: several side by side, one active. The file is validated on
 * every load (a hand-edited or damaged file gets an error naming the file and the field) and migrated
 * from older versions; it is rewritten atomically.
 */
export class ProfileRegistry {
  readonly file: string;
  private data: ProfilesFileType;

  private constructor(file: string, data: ProfilesFileType) {
    this.file = file;
    this.data = data;
  }

  static async open(dataDir: string): Promise<ProfileRegistry> {
    const file = path.join(dataDir, PROFILES_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return new ProfileRegistry(file, { version: PROFILES_VERSION, activeProfileId: null, profiles: [] });
      }
      throw error;
    }
    return new ProfileRegistry(file, parseProfilesFile(text, file));
  }

  list(): readonly Profile[] {
    return this.data.profiles;
  }

  active(): Profile | null {
    return this.data.profiles.find((p) => p.id === this.data.activeProfileId) ?? null;
  }

  find(nameOrId: string): Profile | null {
    return this.data.profiles.find((p) => p.name === nameOrId || p.id === nameOrId) ?? null;
  }

  get(nameOrId: string): Profile {
    const found = this.find(nameOrId);
    if (!found) throw new WardenError('not-found', `No tenant profile named ${JSON.stringify(nameOrId)}. \`warden tenant list\` shows them.`);
    return found;
  }

  /** Adds a profile; the first one added becomes active. */
  async add(input: NewProfile): Promise<Profile> {
    if (this.find(input.name)) throw new WardenError('invalid-input', `A tenant profile named ${JSON.stringify(input.name)} already exists.`);
    const parsed = Profile.safeParse({ ...input, id: randomUUID(), createdAt: new Date().toISOString() });
    if (!parsed.success) throw new WardenError('invalid-input', `Profile ${input.name}: ${describeZodError(parsed.error)}`);
    this.data = {
      ...this.data,
      profiles: [...this.data.profiles, parsed.data],
      activeProfileId: this.data.activeProfileId ?? parsed.data.id,
    };
    await this.save();
    return parsed.data;
  }

  async use(nameOrId: string): Promise<Profile> {
    const profile = this.get(nameOrId);
    this.data = { ...this.data, activeProfileId: profile.id };
    await this.save();
    return profile;
  }

  async update(nameOrId: string, change: (profile: Profile) => Profile): Promise<Profile> {
    const current = this.get(nameOrId);
    const parsed = Profile.safeParse(change(current));
    if (!parsed.success) throw new WardenError('invalid-input', `Profile ${current.name}: ${describeZodError(parsed.error)}`);
    if (parsed.data.id !== current.id) throw new Error('a profile update must keep its id');
    this.data = { ...this.data, profiles: this.data.profiles.map((p) => (p.id === current.id ? parsed.data : p)) };
    await this.save();
    return parsed.data;
  }

  async remove(nameOrId: string): Promise<Profile> {
    const profile = this.get(nameOrId);
    const profiles = this.data.profiles.filter((p) => p.id !== profile.id);
    const activeProfileId = this.data.activeProfileId === profile.id ? (profiles[0]?.id ?? null) : this.data.activeProfileId;
    this.data = { ...this.data, profiles, activeProfileId };
    await this.save();
    return profile;
  }

  private async save(): Promise<void> {
    await atomicWriteFile(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
  }
}

/** Parses, migrates and validates the text of profiles.json; errors name the file and what is wrong. */
export function parseProfilesFile(text: string, file: string): ProfilesFileType {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new WardenError(
      'invalid-input',
      `${file} is not valid JSON (${(error as Error).message}). Fix or remove it; it holds only profile settings, no secrets.`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new WardenError('invalid-input', `${file}: expected a JSON object.`);
  let doc = raw as Record<string, unknown>;
  let version = typeof doc['version'] === 'number' ? doc['version'] : NaN;
  if (!Number.isInteger(version) || version < 1) throw new WardenError('invalid-input', `${file}: missing or invalid "version".`);
  if (version > PROFILES_VERSION) {
    throw new WardenError('invalid-input', `${file} was written by a newer Warden (version ${version}; this one reads up to ${PROFILES_VERSION}).`);
  }
  while (version < PROFILES_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from profiles version ${version}`);
    doc = step(doc);
    version += 1;
  }
  const parsed = ProfilesFile.safeParse(doc);
  if (!parsed.success) throw new WardenError('invalid-input', `${file}: ${describeZodError(parsed.error)}`);
  const names = new Set<string>();
  for (const p of parsed.data.profiles) {
    if (names.has(p.name)) throw new WardenError('invalid-input', `${file}: two profiles are named ${JSON.stringify(p.name)}.`);
    names.add(p.name);
  }
  if (parsed.data.activeProfileId && !parsed.data.profiles.some((p) => p.id === parsed.data.activeProfileId)) {
    throw new WardenError('invalid-input', `${file}: activeProfileId names no profile in the file.`);
  }
  return parsed.data;
}
