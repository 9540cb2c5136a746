// Renders a Reply as Slack Block Kit: a header, one section per block (each at
// most 3000 characters, Slack's limit), and a context line pointing at the rest.
import { cutProse, fitBlocks } from '../../core/fit.js';
import type { Reply, ReplyBlock } from '../../core/reply.js';

export const SLACK_LIMITS = { header: 150, section: 3000, blocks: 50, message: 12000 } as const;

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  response_type: 'ephemeral' | 'in_channel';
}

/** Slack's mrkdwn: *bold*, <url|text> links; &, < and > escaped outside links. */
export function toMrkdwn(markdown: string): string {
  return markdown
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<$2|$1>');
}

function heading(text: string | undefined): string {
  return text ? `*${toMrkdwn(text)}*\n` : '';
}

export function blockMrkdwn(block: ReplyBlock): string {
  switch (block.kind) {
    case 'text':
      return heading(block.heading) + toMrkdwn(block.text);
    case 'code':
      return `${heading(block.heading)}\`\`\`${toMrkdwn(block.code)}\`\`\`${block.caption ? `\n${toMrkdwn(block.caption)}` : ''}`;
    case 'finding': {
      const label = block.rustc ? `${block.severity} [${block.rustc}]` : block.severity;
      const lines = [`*${label}*, line ${block.line}:${block.column}: ${toMrkdwn(block.message)}`];
      if (block.fix) lines.push(`*Fix:* ${toMrkdwn(block.fix)}`);
      if (block.topic) lines.push(`*Why:* \`/pin topic ${block.topic.id}\``);
      return lines.join('\n');
    }
    case 'topics':
      return `${heading(block.heading)}${block.topics.map((topic) => `• ${toMrkdwn(topic.title)} (\`/pin topic ${topic.id}\`)`).join('\n')}`;
    case 'sources':
      return `*Sources*\n${block.sources.map((source) => `• <${source.url}|${toMrkdwn(source.title)}>`).join('\n')}`;
  }
}

function shorten(block: ReplyBlock, room: number): ReplyBlock | null {
  if (block.kind !== 'text') return null;
  const text = cutProse(
    block.text,
    Math.min(room, SLACK_LIMITS.section) - heading(block.heading).length,
  );
  return text ? { ...block, text } : null;
}

function measure(block: ReplyBlock): number {
  const size = blockMrkdwn(block).length;
  // A section over Slack's limit cannot be sent at all: make it too big for any budget.
  return size > SLACK_LIMITS.section ? Number.POSITIVE_INFINITY : size;
}

export function renderSlack(reply: Reply): SlackMessage {
  const fitted = fitBlocks(reply, SLACK_LIMITS.message, measure, shorten);
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: reply.title.slice(0, SLACK_LIMITS.header) },
    },
    ...fitted.blocks.slice(0, SLACK_LIMITS.blocks - 2).map((block): SlackBlock => ({
      type: 'section',
      text: { type: 'mrkdwn', text: blockMrkdwn(block) },
    })),
  ];
  if (fitted.truncated && reply.more) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${reply.more.label}: \`${reply.more.command}\`` }],
    });
  }
  const first = reply.blocks.find((block) => block.kind === 'text');
  const summary = first?.kind === 'text' ? first.text : '';
  // A Slack user id only (U…/W…): nothing from user text can become <!channel>.
  const mention = reply.mention && /^[UW][A-Z0-9]{5,}$/.test(reply.mention) ? reply.mention : null;
  if (mention)
    blocks.splice(1, 0, { type: 'section', text: { type: 'mrkdwn', text: `<@${mention}>` } });
  return {
    // The notification text is mrkdwn too: escaped, so a reply quoting `<!channel>` pings nobody.
    text: `${mention ? `<@${mention}> ` : ''}${toMrkdwn(`${reply.title}: ${summary}`)}`.slice(
      0,
      300,
    ),
    blocks,
    response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
  };
}
