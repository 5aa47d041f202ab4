/** The job id of a run's job is the run id (a UUID: no `:`, never all digits): enqueueing a run twice adds one job. */
export const runScheduleJobId = (runId: string): string => runId;
