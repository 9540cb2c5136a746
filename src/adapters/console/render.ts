// Renders a Reply for a terminal: no length limit, light ANSI styling when the
// output is a TTY, plain text otherwise (pipes, files, tests).
import type { Reply, ReplyBlock } from '../../core/reply.js';

export interface TerminalStyle {
  color: boolean;
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  cyan: [36, 39],
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
} as const;
type StyleName = keyof typeof codes;

function paint(style: TerminalStyle, name: StyleName, text: string): string {
  if (!style.color) return text;
  const [open, close] = codes[name];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Inline markdown: `code` in cyan, _emphasis_ in italics; markers removed when plain. */
function inline(style: TerminalStyle, text: string): string {
  return text
    .replace(/`([^`\n]+)`/g, (_match, code: string) =>
      style.color ? paint(style, 'cyan', code) : `\`${code}\``,
    )
    .replace(
      /(^|\s)_([^_\n]+)_(?=\s|$|[.,;:])/g,
      (_match, lead: string, words: string) => `${lead}${paint(style, 'italic', words)}`,
    );
}

const SEVERITY_COLOR = { error: 'red', unsound: 'red', warning: 'yellow', note: 'dim' } as const;

function block(style: TerminalStyle, item: ReplyBlock): string {
  switch (item.kind) {
    case 'text': {
      const heading = item.heading ? `${paint(style, 'bold', item.heading)}\n` : '';
      return heading + inline(style, item.text);
    }
    case 'code': {
      const heading = item.heading ? `${paint(style, 'bold', item.heading)}\n` : '';
      const body = item.code
        .split('\n')
        .map((line) => `  ${paint(style, 'dim', '│')} ${line}`)
        .join('\n');
      return heading + body + (item.caption ? `\n${inline(style, item.caption)}` : '');
    }
    case 'finding': {
      const label = item.rustc ? `${item.severity}[${item.rustc}]` : item.severity;
      const lines = [
        `${paint(style, SEVERITY_COLOR[item.severity], label)} line ${item.line}:${item.column}: ${inline(style, item.message)}`,
      ];
      if (item.fix) lines.push(`  ${paint(style, 'green', 'fix:')} ${inline(style, item.fix)}`);
      if (item.topic)
        lines.push(
          `  ${paint(style, 'dim', 'why:')} /pin topic ${item.topic.id} (${item.topic.title})`,
        );
      return lines.join('\n');
    }
    case 'topics':
      return [
        paint(style, 'bold', item.heading),
        ...item.topics.map(
          (topic) => `  • ${topic.title} ${paint(style, 'dim', `(/pin topic ${topic.id})`)}`,
        ),
      ].join('\n');
    case 'sources':
      return [
        paint(style, 'bold', 'Sources'),
        ...item.sources.map((source) => `  • ${source.title}: ${source.url}`),
      ].join('\n');
  }
}

export function renderTerminal(reply: Reply, style: TerminalStyle): string {
  const title = paint(style, 'bold', reply.title);
  const to = reply.mention ? [`To @${reply.mention}:`] : [];
  return [...to, title, ...reply.blocks.map((item) => block(style, item))].join('\n\n') + '\n';
}
