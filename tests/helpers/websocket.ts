// A minimal WebSocket server side (RFC 6455) on a node:http upgrade: enough for
// the Socket Mode stand-in (text frames, ping/pong, close), with no dependency.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface ServerSocket {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  close(): void;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([head, payload]);
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}

/** Completes the handshake and returns the socket; client frames are masked, ours are not. */
export function acceptWebSocket(request: IncomingMessage, socket: Duplex): ServerSocket {
  const key = String(request.headers['sec-websocket-key']);
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  const listeners: ((text: string) => void)[] = [];
  let pending = Buffer.alloc(0);
  let open = true;
  const send = (opcode: number, payload: Buffer) => {
    if (open && !socket.destroyed) socket.write(frame(opcode, payload));
  };
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 2) return;
      const opcode = pending[0]! & 0x0f;
      const masked = (pending[1]! & 0x80) !== 0;
      let length = pending[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (pending.length < 10) return;
        length = Number(pending.readBigUInt64BE(2));
        offset = 10;
      }
      const maskOffset = offset;
      if (masked) offset += 4;
      if (pending.length < offset + length) return;
      const payload = Buffer.from(pending.subarray(offset, offset + length));
      if (masked)
        for (let index = 0; index < payload.length; index += 1)
          payload[index] = payload[index]! ^ pending[maskOffset + (index % 4)]!;
      pending = pending.subarray(offset + length);
      if (opcode === 0x1) for (const listener of listeners) listener(payload.toString('utf8'));
      else if (opcode === 0x9) send(0xa, payload);
      else if (opcode === 0x8) {
        send(0x8, Buffer.alloc(0));
        open = false;
        socket.end();
      }
    }
  });
  socket.on('error', () => {
    open = false;
  });
  return {
    send: (text) => {
      send(0x1, Buffer.from(text, 'utf8'));
    },
    onMessage: (listener) => listeners.push(listener),
    close: () => {
      send(0x8, Buffer.from([0x03, 0xe8]));
      open = false;
      socket.end();
    },
  };
}
