// The shape of a knowledge entry's frontmatter. Every knowledge/*.md file is
// validated against this when it loads, so a bad entry fails with its path and field.
import { z } from 'zod';

export const LEVELS = ['beginner', 'practitioner', 'implementer'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

export const SECTIONS = ['why', 'types', 'practice', 'design'] as const;
export const sectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof sectionSchema>;

const topicIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case topic id');

const errorCodeSchema = z.string().regex(/^E\d{4}$/, 'must be a rustc error code like E0277');

export const exampleSchema = z
  .object({
    /** Kebab-case name, unique within the entry; `fix` points at another example's name. */
    name: topicIdSchema,
    title: z.string().min(3).max(120),
    /** What rustc 1.95 stable (edition 2021) does with the code. */
    expect: z.enum(['compiles', 'error', 'unsound']),
    /** The first error code rustc prints, for `expect: error`. */
    error_code: errorCodeSchema.optional(),
    /** `file`: a whole crate root as written. `main`: statements placed inside `fn main`. */
    wrap: z.enum(['file', 'main']).default('file'),
    /** How the checker compiles a `file`: bin when it has `fn main`, lib otherwise. */
    crate_type: z.enum(['bin', 'lib']).optional(),
    /** For a broken example: the name of the example that fixes it. */
    fix: topicIdSchema.optional(),
    /** One or two sentences shown under the code: what happens and why. */
    note: z.string().min(3).max(400).optional(),
    code: z.string().min(1).max(4000),
  })
  .strict()
  .superRefine((example, ctx) => {
    if (example.expect === 'error' && !example.error_code) {
      ctx.addIssue({ code: 'custom', path: ['error_code'], message: 'required when expect is error' });
    }
    if (example.expect !== 'error' && example.error_code) {
      ctx.addIssue({ code: 'custom', path: ['error_code'], message: 'only for expect: error' });
    }
    if (example.expect !== 'compiles' && !example.fix) {
      ctx.addIssue({ code: 'custom', path: ['fix'], message: 'a broken example names its fix' });
    }
  });
export type Example = z.infer<typeof exampleSchema>;

export const sourceSchema = z
  .object({ title: z.string().min(3), url: z.url() })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

export const frontmatterSchema = z
  .object({
    id: topicIdSchema,
    title: z.string().min(3).max(100),
    section: sectionSchema,
    /** The short answer: two or three sentences a person reads in ten seconds. */
    answer: z.string().min(20).max(600),
    /** Questions as people really ask them; the router learns from these. */
    phrasings: z.array(z.string().min(8).max(300)).min(6),
    /** Strong signals: identifiers, error text, crate names, jargon. */
    keywords: z.array(z.string().min(2).max(80)).default([]),
    analogy: z
      .object({
        text: z.string().min(20).max(700),
        /** Where the analogy breaks down, so nobody over-learns it. */
        limits: z.string().min(10).max(400),
      })
      .strict()
      .optional(),
    examples: z.array(exampleSchema).default([]),
    related: z.array(topicIdSchema).default([]),
    sources: z.array(sourceSchema).min(1),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const names = new Set(entry.examples.map((example) => example.name));
    entry.examples.forEach((example, index) => {
      if (example.fix && !names.has(example.fix)) {
        ctx.addIssue({
          code: 'custom',
          path: ['examples', index, 'fix'],
          message: `no example named "${example.fix}" in this entry`,
        });
      }
    });
    if (entry.related.includes(entry.id)) {
      ctx.addIssue({ code: 'custom', path: ['related'], message: 'an entry is not related to itself' });
    }
  });
export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** A loaded entry: the frontmatter plus the explanation for each level from the body. */
export interface Topic extends Frontmatter {
  levels: Record<Level, string>;
  /** The file the entry came from, relative to the knowledge folder. */
  file: string;
}
