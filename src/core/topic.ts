// The core's read-only view of a knowledge entry (the knowledge module owns the
// file format; this is what commands and renderers may rely on).

export type Level = 'beginner' | 'practitioner' | 'implementer';
export const LEVEL_NAMES: readonly Level[] = ['beginner', 'practitioner', 'implementer'];

export type SectionId = 'why' | 'types' | 'practice' | 'design';

export const SECTION_TITLES: Record<SectionId, string> = {
  why: 'Why pinning exists',
  types: 'The types and their contract',
  practice: 'Pinning in practice',
  design: 'Design and history',
};

export interface ExampleView {
  name: string;
  title: string;
  expect: 'compiles' | 'error' | 'unsound';
  error_code?: string | undefined;
  fix?: string | undefined;
  note?: string | undefined;
  code: string;
}

export interface TopicView {
  id: string;
  title: string;
  section: SectionId;
  answer: string;
  analogy?: { text: string; limits: string } | undefined;
  levels: Record<Level, string>;
  examples: readonly ExampleView[];
  related: readonly string[];
  sources: readonly { title: string; url: string }[];
}
