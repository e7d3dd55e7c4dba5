/**
 * Temporal CLI release the project is pinned to. Its dev server is Temporal Server 1.29.1 with
 * Web UI 2.42.1, the same server line as `docker-compose.yml`.
 */
export const TEMPORAL_CLI_VERSION = '1.5.1';

/**
 * Go package that `go install` builds into the `temporal` binary. Tags after v1.5.1 carry a
 * `replace` directive in their go.mod, which `go install pkg@version` rejects.
 */
export const TEMPORAL_CLI_GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;

/**
 * Linker flag that stamps the release into `temporal --version`. Without it a `go install` build
 * reports `0.0.0-DEV`, and the version check in {@link readTemporalCliVersion} could not tell
 * builds apart.
 */
export const TEMPORAL_CLI_VERSION_LDFLAG = `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`;

/** Oldest Go that can build the CLI: Go 1.21 added toolchain switching, which fetches the Go 1.25 that the CLI's go.mod requires. */
export const MIN_GO_VERSION = { major: 1, minor: 21 } as const;
