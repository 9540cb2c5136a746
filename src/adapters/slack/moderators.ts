// Who counts as a moderator on Slack: the users named in SLACK_MODERATOR_IDS, the
// members of the user groups named there, and workspace admins and owners. Lookups
// are cached briefly, and a failed lookup means "not a moderator" (logged), never a crash.
import type { Logger } from '../../core/ports.js';
import { describeError } from './errors.js';
import { usergroupUsersSchema, usersInfoSchema } from './payloads.js';

/** One Web API call with the bot token, answering the parsed JSON body. */
export type ApiCall = (method: string, args: Record<string, unknown>) => Promise<unknown>;

export interface ModeratorOptions {
  /** User ids (U…, W…) and user-group ids (S…). */
  ids: readonly string[];
  api: ApiCall;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  until: number;
}

export class Moderators {
  private readonly users: Set<string>;
  private readonly groups: string[];
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly memberCache = new Map<string, Cached<Set<string>>>();
  private readonly adminCache = new Map<string, Cached<boolean>>();

  constructor(private readonly options: ModeratorOptions) {
    this.users = new Set(options.ids.filter((id) => /^[UW][A-Z0-9]+$/.test(id)));
    this.groups = options.ids.filter((id) => /^S[A-Z0-9]+$/.test(id));
    const unknown = options.ids.filter((id) => !this.users.has(id) && !this.groups.includes(id));
    if (unknown.length > 0)
      options.logger.warn(
        { ignored: unknown },
        'SLACK_MODERATOR_IDS holds entries that are neither user ids (U…, W…) nor user-group ids (S…)',
      );
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async isModerator(userId: string): Promise<boolean> {
    if (this.users.has(userId)) return true;
    for (const group of this.groups) {
      if ((await this.groupMembers(group)).has(userId)) return true;
    }
    return this.isAdmin(userId);
  }

  private async groupMembers(group: string): Promise<Set<string>> {
    return this.cached(this.memberCache, group, new Set(), async () => {
      const answer = usergroupUsersSchema.parse(
        await this.options.api('usergroups.users.list', { usergroup: group }),
      );
      return new Set(answer.users);
    });
  }

  private async isAdmin(userId: string): Promise<boolean> {
    return this.cached(this.adminCache, userId, false, async () => {
      const { user } = usersInfoSchema.parse(
        await this.options.api('users.info', { user: userId }),
      );
      return user.is_admin === true || user.is_owner === true || user.is_primary_owner === true;
    });
  }

  private async cached<T>(
    cache: Map<string, Cached<T>>,
    key: string,
    fallback: T,
    load: () => Promise<T>,
  ): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    try {
      const value = await load();
      cache.set(key, { value, until: this.now() + this.ttlMs });
      return value;
    } catch (error) {
      // Not cached: the next command asks again.
      this.options.logger.warn({ key, err: describeError(error) }, 'moderator lookup failed');
      return fallback;
    }
  }
}
