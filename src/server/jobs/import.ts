import type { parseUpload } from '../compute/files'
import { commitImport, type ImportParams, networkExists } from '../routes/files'
import { uploadLimits } from '../limits'
import { type JobHandler, yieldToRequests } from './runner'

/** Large imports: parsed off the request, committed together with the job's result. */
export const importJob: JobHandler = async (context) => {
  const params = context.params as ImportParams
  const { store } = context.services
  await context.progress(0.05, 'parsing')
  await yieldToRequests()
  // Parsed on an analysis worker when large, so the server keeps answering while a 58 MB file is read.
  const task = { kind: 'parse' as const, text: params.text, ...(params.format ? { format: params.format } : {}), limits: uploadLimits(context.services.options) }
  const { network, warnings } = await context.services.analyses.runFile<ReturnType<typeof parseUpload>>(task)
  await context.progress(0.7, `storing ${network.nodes.length} nodes, ${network.links.length} links`)
  const exists = await networkExists(store, params.workspace, params.network)
  // The upload is dropped in the same transaction: a finished job keeps its result, not a 40 MB text (issue 9).
  await context.finish(undefined, async (tx) => ({ ...(await commitImport(store, params, network, exists, tx)), warnings }), { dropParams: true })
}


