// Commands are defined once, as data plus a platform-free `run`. The option
// builders produce both a descriptor (for Discord JSON, the Slack manifest and
// text parsing) and a zod schema that validates whatever an adapter extracted.
import { z } from 'zod';
import { UserError } from './errors.js';
import type { Reply } from './reply.js';
import type { Services } from './ports.js';

export type OptionKind = 'string' | 'choice' | 'user';

export interface OptionDescriptor {
  name: string;
  kind: OptionKind;
  description: string;
  required: boolean;
  autocomplete?: 'topics';
  choices?: readonly string[];
  maxLength?: number;
  /** In text form (`/pin ask ...`) this option takes the rest of the line. */
  rest?: boolean;
}

export interface OptionBuilder<T> {
  descriptor: OptionDescriptor;
  schema: z.ZodType<T>;
  optional(): OptionBuilder<T | undefined>;
}

function builder<T>(descriptor: OptionDescriptor, schema: z.ZodType<T>): OptionBuilder<T> {
  return {
    descriptor,
    schema,
    optional: () => builder<T | undefined>({ ...descriptor, required: false }, schema.optional()),
  };
}

export const opt = {
  string(config: {
    description: string;
    maxLength?: number;
    autocomplete?: 'topics';
    rest?: boolean;
  }) {
    const max = config.maxLength ?? 6000;
    const schema = z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`);
    return builder<string>({ name: '', kind: 'string', required: true, ...config }, schema);
  },
  choice<const C extends readonly [string, ...string[]]>(
    choices: C,
    config: { description: string },
  ) {
    return builder<C[number]>(
      { name: '', kind: 'choice', required: true, choices, ...config },
      z.enum(choices),
    );
  },
  user(config: { description: string }) {
    return builder<string>(
      { name: '', kind: 'user', required: true, ...config },
      z.string().regex(/^[A-Z0-9]{6,}$|^\d{15,22}$/i, 'must be a user id'),
    );
  },
};

export type Audience = 'everyone' | 'moderators';

export interface Actor {
  id: string;
  displayName: string;
  isModerator: boolean;
  platform: 'discord' | 'slack' | 'console';
}

export interface CommandContext {
  services: Services;
  actor: Actor;
}

type OptionsShape = Record<string, OptionBuilder<unknown>>;
type InputOf<O extends OptionsShape> = {
  [K in keyof O]: O[K] extends OptionBuilder<infer T> ? T : never;
};

/** A command whose input type is erased, for registries and adapters. */
export interface AnyCommand {
  name: string;
  description: string;
  audience: Audience;
  options: OptionDescriptor[];
  /** Validates raw options with the command's schema, then runs it. */
  execute(raw: Record<string, unknown>, context: CommandContext): Promise<Reply>;
}

export function defineCommand<O extends OptionsShape>(definition: {
  name: string;
  description: string;
  audience: Audience;
  options: O;
  run(input: InputOf<O>, context: CommandContext): Promise<Reply> | Reply;
}): AnyCommand {
  const entries = Object.entries(definition.options);
  const options = entries.map(([name, option]) => ({ ...option.descriptor, name }));
  const shape = Object.fromEntries(entries.map(([name, option]) => [name, option.schema]));
  const schema = z.object(shape).strict();
  return {
    name: definition.name,
    description: definition.description,
    audience: definition.audience,
    options,
    async execute(raw, context) {
      if (definition.audience === 'moderators' && !context.actor.isModerator) {
        throw new UserError('not-allowed', 'Only moderators can use this command.');
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') ?? 'input';
        throw new UserError('invalid-option', `\`${field}\` ${issue?.message ?? 'is invalid'}`);
      }
      return await definition.run(parsed.data as InputOf<O>, context);
    },
  };
}
