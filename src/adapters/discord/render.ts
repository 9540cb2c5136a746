// Renders a Reply as a Discord message payload: one embed whose description holds
// what fits in 4096 characters (Discord's limit), the rest behind `/pin topic`.
// Mentions are never parsed: a reply must not ping anyone.
import { cutProse, fitBlocks } from '../../core/fit.js';
import type { Reply, ReplyBlock } from '../../core/reply.js';

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  footer: 2048,
  embedTotal: 6000,
} as const;

export interface DiscordEmbed {
  title: string;
  description: string;
  color: number;
  footer?: { text: string };
}

export interface DiscordMessage {
  /** Only ever a mention of `Reply.mention`: embeds alone never ping anyone. */
  content?: string;
  embeds: DiscordEmbed[];
  /** No @everyone, roles or users parsed from text; only the one addressed user. */
  allowed_mentions: { parse: never[]; users?: string[] };
  /** Discord's EPHEMERAL message flag (1 << 6) when only the asker should see it. */
  flags?: number;
}

const COLORS: Record<Reply['tone'], number> = {
  answer: 0xdea584,
  check: 0x5865f2,
  abstain: 0x99aab5,
  info: 0x57f287,
  error: 0xed4245,
};

const SEPARATOR = '\n\n';

function heading(text: string | undefined): string {
  return text ? `**${text}**\n` : '';
}

export function blockMarkdown(block: ReplyBlock): string {
  switch (block.kind) {
    case 'text':
      return heading(block.heading) + block.text;
    case 'code':
      return `${heading(block.heading)}\`\`\`${block.language}\n${block.code.replace(/```/g, '`\u200b``')}\n\`\`\`${block.caption ? `\n${block.caption}` : ''}`;
    case 'finding': {
      const label = block.rustc ? `${block.severity} [${block.rustc}]` : block.severity;
      const lines = [`**${label}**, line ${block.line}:${block.column}: ${block.message}`];
      if (block.fix) lines.push(`**Fix:** ${block.fix}`);
      if (block.topic) lines.push(`**Why:** \`/pin topic ${block.topic.id}\``);
      return lines.join('\n');
    }
    case 'topics':
      return `${heading(block.heading)}${block.topics.map((topic) => `• ${topic.title} (\`/pin topic ${topic.id}\`)`).join('\n')}`;
    case 'sources':
      return `**Sources**\n${block.sources.map((source) => `• [${source.title}](${source.url})`).join('\n')}`;
  }
}

function shorten(block: ReplyBlock, room: number): ReplyBlock | null {
  if (block.kind !== 'text') return null;
  const text = cutProse(block.text, room - heading(block.heading).length - SEPARATOR.length);
  return text ? { ...block, text } : null;
}

export function renderDiscord(reply: Reply): DiscordMessage {
  const footerText = reply.more ? `${reply.more.label}: ${reply.more.command}` : '';
  const budget = DISCORD_LIMITS.description;
  const fitted = fitBlocks(
    reply,
    budget,
    (block) => blockMarkdown(block).length + SEPARATOR.length,
    shorten,
  );
  const description = fitted.blocks.map(blockMarkdown).join(SEPARATOR).slice(0, budget);
  const embed: DiscordEmbed = {
    title: reply.title.slice(0, DISCORD_LIMITS.title),
    description,
    color: COLORS[reply.tone],
    ...(fitted.truncated && footerText
      ? { footer: { text: footerText.slice(0, DISCORD_LIMITS.footer) } }
      : {}),
  };
  const mention = reply.mention && /^\d{15,22}$/.test(reply.mention) ? reply.mention : null;
  return {
    ...(mention ? { content: `<@${mention}>` } : {}),
    embeds: [embed],
    allowed_mentions: mention ? { parse: [], users: [mention] } : { parse: [] },
    ...(reply.ephemeral ? { flags: 1 << 6 } : {}),
  };
}
