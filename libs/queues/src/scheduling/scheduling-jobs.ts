/** The timetabling queue: one CPU-heavy job per schedule run. */
export const SCHEDULING_QUEUE = 'scheduling';

export enum SchedulingJobName {
  RunSchedule = 'run-schedule',
}

/** The data of each scheduling job: ids only, the handler re-reads the run. */
export interface SchedulingJobPayloads {
  [SchedulingJobName.RunSchedule]: { runId: string };
}

/** The job id is the run id (a UUID: no `:`, never all digits), so enqueueing a run twice adds one job. */
export const runScheduleJobId = (runId: string): string => runId;
