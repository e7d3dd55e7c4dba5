import { readFile } from 'node:fs/promises';

/**
 * Reads the run's JSON input from the first source given: the argument itself, a file named by
 * `--file` (or `@path` as the argument), or standard input when neither is given or the argument is `-`.
 *
 * @throws Error saying which source was not valid JSON, and where.
 */
export async function readRunInput(argument: string | undefined, file: string | undefined): Promise<unknown> {
  if (argument !== undefined && file !== undefined) {
    throw new Error('Give the input either as an argument or with --file, not both.');
  }

  let text: string;
  let source: string;
  if (file !== undefined || argument?.startsWith('@')) {
    source = file ?? argument!.slice(1);
    text = await readFile(source, 'utf8');
  } else if (argument !== undefined && argument !== '-') {
    source = 'the argument';
    text = argument;
  } else {
    if (process.stdin.isTTY) {
      throw new Error('No input: pass the JSON as an argument, with --file PATH, or on standard input.');
    }
    source = 'standard input';
    text = await readStream(process.stdin);
  }

  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`The input in ${source} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
