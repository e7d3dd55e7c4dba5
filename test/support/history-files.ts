import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { History } = temporal.api.history.v1;

// protobufjs's own object form: 64-bit integers and enums as strings, bytes as base64.
// NOTE: The SDK's historyToJSON and historyFromJSON fail with "type must be a Type" in this install,
// because proto3-json-serializer resolves protobufjs 7 while @temporalio/proto uses protobufjs 8.
// This form does not go through them.
const OBJECT_OPTIONS = { longs: String, enums: String, bytes: String } as const;

/** Folder of the recorded workflow histories that the replay test runs. */
export const HISTORIES_FOLDER = path.join(__dirname, '..', 'fixtures', 'histories');

/**
 * Environment variable that makes {@link recordHistory} write histories: `npm run record-histories`
 * sets it while it runs the tests that produce them.
 */
export const RECORD_HISTORIES = 'DUCTAPE_RECORD_HISTORIES';

/**
 * Saves the history of a finished workflow as `<name>.json` under {@link HISTORIES_FOLDER}, when
 * `DUCTAPE_RECORD_HISTORIES=1`. Otherwise it does nothing, so tests call it unconditionally.
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env[RECORD_HISTORIES] !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  // Replay needs the workflow ID too, because workflows such as child-starting ones derive IDs from it.
  const recorded = { workflowId, history: History.toObject(History.fromObject(history), OBJECT_OPTIONS) };
  await writeFile(path.join(HISTORIES_FOLDER, `${name}.json`), `${JSON.stringify(recorded, null, 2)}\n`);
}

/** A recorded history, named by its file, with what `Worker.runReplayHistories` takes. */
export interface RecordedHistory {
  /** File name without `.json`. */
  readonly name: string;
  /** ID of the recorded workflow. */
  readonly workflowId: string;
  readonly history: temporal.api.history.v1.History;
}

/** Reads every recorded history, with its history decoded to a `History` that replay takes as it is. */
export async function readRecordedHistories(): Promise<RecordedHistory[]> {
  const files = (await readdir(HISTORIES_FOLDER)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const recorded = JSON.parse(await readFile(path.join(HISTORIES_FOLDER, file), 'utf8')) as {
        workflowId: string;
        history: Record<string, unknown>;
      };
      return {
        name: file.slice(0, -'.json'.length),
        workflowId: recorded.workflowId,
        history: History.fromObject(recorded.history),
      };
    }),
  );
}
