/** Two nodes by id or name, resolved against whichever scenario a query runs on. */
export interface NodePairRef {
  from: string
  to: string
}
