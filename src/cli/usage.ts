/** Help text of the `ductape-temporal` command. */
export const USAGE = `Usage: ductape-temporal <command> [options]

Commands:
  dev        Start a local Temporal dev server (Web UI included), the example API and a worker.
  worker     Run a worker that executes action runs from the task queue.
  run        Run one action and print its result as JSON.
  result     Wait for the result of a run, by workflow ID, and print it as JSON.
  cancel     Cancel a run, by workflow ID.
  runs       List recent action runs, with a Web UI link for each.
  validate   Check the configuration folder and report every problem.
  help       Show this text.

dev options:
  --config DIR          Configuration folder (default: the example configuration)
  --port N              Temporal frontend port (default: 7233)
  --ui-port N           Web UI port (default: 8233)
  --db-file PATH        SQLite file that keeps runs across restarts (default: .ductape/dev.db)
  --example-api-port N  Port of the example payments API, 0 to not start it (default: 4010)
  --run-example         Run the example action once everything is up, and print its result

run [JSON | @FILE | -] options:
  --file PATH           Read the input from a file instead of the argument or standard input
  --workflow-id ID      Workflow ID of the run; reusing one attaches to that run
  --idempotency-key KEY Starting twice with the same key attaches to the first run
  --no-wait             Print the workflow ID as soon as the run starts

runs options:
  --product TAG         Only runs of this product (search attribute DuctapeProduct)
  --app TAG             Only runs of this app access tag (DuctapeApp)
  --event TAG           Only runs of this action (DuctapeEvent)
  --env SLUG            Only runs in this environment (DuctapeEnv)
  --status STATUS       Running, Completed, Failed, Canceled, Terminated, TimedOut or ContinuedAsNew
  --limit N             Number of runs to list (default: 20)
  --ui-url URL          Web UI base URL for the links (default: $TEMPORAL_UI_URL, else http://127.0.0.1:8233)
  --json                Print one JSON object a line instead of a table

validate options:
  --config DIR          Configuration folder (default: $DUCTAPE_CONFIG_DIR, else ./config)

Environment:
  TEMPORAL_ADDRESS      Temporal frontend host:port (default: localhost:7233)
  TEMPORAL_NAMESPACE    Namespace (default: default)
  TEMPORAL_API_KEY      API key for Temporal Cloud; turns on TLS
  TEMPORAL_UI_URL       Web UI base URL for the links that runs prints (default: http://127.0.0.1:8233)
  DUCTAPE_TASK_QUEUE    Task queue of the action workers (default: ductape-actions)
  DUCTAPE_CONFIG_DIR    Configuration folder of the worker (default: ./config)
  LOG_LEVEL             Worker log level: TRACE, DEBUG, INFO, WARN or ERROR (default: INFO)
`;
