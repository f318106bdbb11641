// Names of what a test run leaves on disk and in PostgreSQL, shared by harness.ts (which makes them)
// and global-setup.ts (which lists what is left at the end of the run).
export const runDatabasePrefix = (run: string) => `ff_test_${run}_`;
export const runFolderPrefix = (run: string) => `forefront-test-${run}-`;
