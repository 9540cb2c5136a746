// Builds and sends what Slack sends to an app in HTTP mode, signed the way Slack
// signs it: v0 HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret.
import { createHmac } from 'node:crypto';

export interface SlackResponse {
  status: number;
  text: string;
  json(): unknown;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: { signature?: string; timestamp?: number } = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(secret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as unknown };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export interface SlackClient {
  command(fields: Partial<Record<string, string>> & { text: string }): Promise<SlackResponse>;
  interaction(payload: object): Promise<SlackResponse>;
  event(event: object): Promise<SlackResponse>;
  raw(
    body: string,
    contentType: 'application/json' | 'application/x-www-form-urlencoded',
  ): Promise<SlackResponse>;
}

/** A sender bound to one adapter: `/pin` commands, interactions (shortcuts, views), events. */
export function slackClient(
  eventsUrl: string,
  secret: string,
  responseUrl: (name: string) => string,
): SlackClient {
  let sequence = 0;
  const raw: SlackClient['raw'] = (body, contentType) =>
    postSigned(eventsUrl, secret, body, contentType);
  return {
    raw,
    command: (fields) => {
      sequence += 1;
      const defaults: Record<string, string> = {
        token: 'legacy-verification-token',
        team_id: 'T0001',
        team_domain: 'rust',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: 'U0ASKER01',
        user_name: 'asker',
        command: '/pin',
        api_app_id: 'A0001',
        response_url: responseUrl(`command-${sequence}`),
        trigger_id: `trigger-${sequence}`,
      };
      const merged = Object.fromEntries(
        Object.entries({ ...defaults, ...fields }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      );
      return raw(form(merged), 'application/x-www-form-urlencoded');
    },
    interaction: (payload) =>
      raw(form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded'),
    event: (event) => {
      sequence += 1;
      return raw(
        JSON.stringify({
          token: 'legacy-verification-token',
          team_id: 'T0001',
          api_app_id: 'A0001',
          type: 'event_callback',
          event_id: `Ev${sequence}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: 'T0001', user_id: 'UBOT000001', is_bot: true }],
          event,
        }),
        'application/json',
      );
    },
  };
}

let shortcutSequence = 0;

/** A message shortcut (`message_action`) on a message in a channel. */
export function messageShortcut(
  callbackId: string,
  by: string,
  message: { text: string; ts?: string; user?: string; thread_ts?: string; bot_id?: string },
  responseUrl: string,
): object {
  shortcutSequence += 1;
  return {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: `shortcut-trigger-${shortcutSequence}`,
    response_url: responseUrl,
    action_ts: '1700000000.1',
    team: { id: 'T0001', domain: 'rust' },
    user: { id: by, name: by.toLowerCase(), username: by.toLowerCase(), team_id: 'T0001' },
    channel: { id: 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: '1700000100.000100', ...message },
    token: 'legacy-verification-token',
  };
}
