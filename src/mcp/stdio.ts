// The stdio transport: one JSON-RPC message per line. Unlike the SDK's, it answers a line that is not JSON (-32700) or
// not a JSON-RPC message (-32600) instead of dropping it, and skips an oversized line without closing the session.
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { paramsError } from './requests.js';

/** Largest message line read; a 1 MiB text argument is far below it, a longer line is answered with -32600. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 10;

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Bytes of the line read so far, kept as chunks so that a long line is joined once. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** True while the rest of an oversized line is skipped. */
  private skipping = false;
  private closed = false;
  /** Resolves when the output has drained, while a write is waiting for that. */
  private drained: Promise<void> | undefined;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
    this.input.on('error', this.onInputError);
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.output.write(`${JSON.stringify(message)}\n`)) return Promise.resolve();
    // One 'drain' listener however many answers wait for it: a listener per answer made Node warn
    // (MaxListenersExceededWarning) under load.
    this.drained ??= new Promise((resolve) => {
      this.output.once('drain', () => {
        this.drained = undefined;
        resolve();
      });
    });
    return this.drained;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('error', this.onInputError);
    this.pending = [];
    this.onclose?.();
    return Promise.resolve();
  }

  private readonly onEnd = (): void => {
    void this.close();
  };

  private readonly onInputError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onData = (chunk: Buffer | string): void => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let newline = data.indexOf(NEWLINE); newline !== -1; newline = data.indexOf(NEWLINE)) {
      this.take(data.subarray(0, newline));
      this.endLine();
      data = data.subarray(newline + 1);
    }
    this.take(data);
  };

  private take(part: Buffer): void {
    if (this.skipping || part.length === 0) return;
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      this.skipping = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
  }

  private endLine(): void {
    if (this.skipping) {
      this.skipping = false;
      this.reject(
        ErrorCode.InvalidRequest,
        `Invalid request: a message longer than ${this.maxLineBytes} bytes, expected a shorter one`,
      );
      return;
    }
    const line = Buffer.concat(this.pending, this.pendingBytes).toString('utf8').replace(/\r$/, '');
    this.pending = [];
    this.pendingBytes = 0;
    if (line.trim() !== '') this.receive(line);
  }

  private receive(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      this.reject(
        ErrorCode.ParseError,
        `Parse error: ${(error as Error).message}, expected one JSON object per line`,
      );
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.reject(
        ErrorCode.InvalidRequest,
        'Invalid request: not a JSON-RPC 2.0 message, expected {"jsonrpc": "2.0", "method": …} with an id for requests',
        idOf(parsed),
      );
      return;
    }
    const invalid = paramsError(parsed);
    if (invalid) {
      this.reject(invalid.code, invalid.message, invalid.id);
      return;
    }
    this.onmessage?.(message.data);
  }

  /** Errors about a line are answered at once; the id is null when the line has none that can be read. */
  private reject(code: number, message: string, id: string | number | null = null): void {
    // JSON-RPC 2.0 requires `id: null` here, which the SDK's message type does not describe.
    const response = { jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage;
    void this.send(response);
  }
}

function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = value.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
