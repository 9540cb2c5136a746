import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase, knowledgeBaseOf, loadCorpus } from '../../src/knowledge/index.js';
import { KnowledgeError } from '../../src/knowledge/load.js';
import {
  isNearMissId,
  loadNearMisses,
  parseNearMisses,
  type NearMissGroup,
} from '../../src/knowledge/near-misses.js';
import { KNOWLEDGE_DIR } from '../../src/knowledge/paths.js';

const corpus = loadCorpus(KNOWLEDGE_DIR);

describe('the near-miss file', () => {
  it('parses groups of another meaning or another subject', () => {
    const groups = parseNearMisses(
      [
        'groups:',
        '  - meaning: a bowling pin',
        '    questions: [ten pin scoring, spare after a strike, lane oil patterns]',
        '  - topic: cargo',
        '    questions: [cargo features, workspace members, build scripts]',
      ].join('\n'),
      'near-misses.yaml',
    );
    expect(groups.map((group) => group.meaning)).toEqual(['a bowling pin', null]);
    expect(groups.every((group) => isNearMissId(group.id))).toBe(true);
  });

  it('names the field of a bad group', () => {
    const text = 'groups:\n  - meaning: x pin\n    topic: both\n    questions: [a b c, d e f, g h i]';
    expect(() => parseNearMisses(text, 'near-misses.yaml')).toThrow(KnowledgeError);
    expect(() => parseNearMisses('groups: [', 'near-misses.yaml')).toThrow(/invalid YAML/);
  });

  it('is optional: a folder without one has no near misses', () => {
    expect(loadNearMisses(mkdtempSync(join(tmpdir(), 'pinbot-empty-')))).toEqual([]);
  });

  it('shares no question with an entry phrasing (that would teach both answers)', () => {
    const phrasings = new Set(corpus.topics.flatMap((topic) => topic.phrasings.map(normalise)));
    const shared = corpus.nearMisses
      .flatMap((group) => group.questions)
      .filter((question) => phrasings.has(normalise(question)));
    expect(shared).toEqual([]);
  });
});

describe('routing with near misses', () => {
  const zorblax: NearMissGroup = {
    id: '~near-miss-0',
    meaning: 'a zorblax pin',
    questions: [
      'how many zorblax pins fit on the flange',
      'my zorblax pin wobbles in the flange socket',
      'zorblax pin sizes for a quux flange',
    ],
  };
  const question = 'which zorblax pin size suits a quux flange?';
  // Training a router on every entry takes seconds: each one is built once, when first used.
  const withZorblax = once(() => knowledgeBaseOf({ topics: corpus.topics, nearMisses: [zorblax] }));
  const withoutNearMisses = once(() => knowledgeBaseOf({ topics: corpus.topics, nearMisses: [] }));

  it('turns away a question that resembles a near miss more than any entry', () => {
    const route = withZorblax().route(question);
    expect(route).toMatchObject({ topic: null, alternatives: [] });
    expect(route.abstention).toEqual({ reason: 'other-meaning', meaning: 'a zorblax pin' });
  });

  it('still answers pinning questions, and never offers a near miss as an alternative', () => {
    const route = withZorblax().route('why does Pin::new need the target to be Unpin?');
    expect(route.topic).not.toBeNull();
    expect([route.topic, ...route.alternatives].some((id) => isNearMissId(id ?? ''))).toBe(false);
  });

  // Each of these was answered with a pinning topic before the near misses existed.
  it.each([
    'E0499 cannot borrow `*self` as mutable more than once at a time when calling two methods',
    'error[E0277]: `Rc<RefCell<State>>` cannot be sent between threads safely in std::thread::spawn',
  ])('abstains on the Rust question %j that is not about pinning', (text) => {
    expect(withoutNearMisses().route(text).topic).not.toBeNull();
    expect(createKnowledgeBase().route(text)).toMatchObject({
      topic: null,
      abstention: { reason: 'off-topic' },
    });
  });
});

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
