export { runSweep, defaultThreads, shareModel, SweepInterrupted, type SweepRunOptions } from './sweep-pool'
