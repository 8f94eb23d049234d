// What a command may touch of the process: passed in, so one run never leaks into another.

export interface OutputStream {
  write(text: string): boolean;
  isTTY?: boolean;
}

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: AsyncIterable<Buffer | string>;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** One invocation: its streams, techspec's version, and the exit code the command decides. */
export interface CliRun {
  io: Io;
  version: string;
  exitCode: number;
}

/** Colour follows --no-color, then NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal. */
export function useColor(flag: boolean, env: Io['env'], stream: OutputStream): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Resolves at the first SIGINT or SIGTERM: how a long-running command (serve, mcp --http) learns to stop. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
