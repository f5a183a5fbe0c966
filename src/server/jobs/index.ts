import { designJob } from './design'
import { importJob } from './import'
import type { JobHandler } from './runner'
import { sweepJob } from './sweep'
import { trafficSweepJob } from './traffic-sweep'

export { JobRunner, type JobContext, type JobHandler } from './runner'
export type { SweepParams } from './sweep'
export type { DesignParams } from './design'
export type { TrafficSweepParams } from './traffic-sweep'

/** Every kind of job the server runs, by the `kind` stored with it; handed to the runner by the app. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = { design: designJob, import: importJob, sweep: sweepJob, 'traffic-sweep': trafficSweepJob }
